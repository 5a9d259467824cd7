package dev.stratum.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.stratum.api.UnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/** Sorts a provider's failures into retriable or not, and words them for the engine and the logs. */
final class ProviderFailures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private ProviderFailures() {}

    /** Timeouts, connection errors, 408, 429 and 5xx may pass; a refused request (400, 401, 403, 404) will not. */
    static boolean isRetriable(Throwable failure) {
        if (find(failure, CallNotPermittedException.class).isPresent()
                || find(failure, InterruptedException.class).isPresent()) {
            return false;
        }
        Optional<HttpException> http = find(failure, HttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            return status == 408 || status == 429 || status >= 500;
        }
        if (find(failure, NonRetriableException.class).isPresent()) {
            return false;
        }
        return find(failure, RetriableException.class).isPresent() || find(failure, IOException.class).isPresent();
    }

    /** Whether the failure says the provider is unhealthy; a 400 says only that this one request was bad. */
    static boolean countsAgainstProvider(Throwable failure) {
        return find(failure, HttpException.class).map(h -> h.statusCode() != 400 && h.statusCode() != 422)
                .orElse(true);
    }

    static UnavailableException toUnavailable(Throwable failure, LlmConfig config, int attempts) {
        String provider = "LLM provider " + config.providerName();
        if (find(failure, CallNotPermittedException.class).isPresent()) {
            LlmConfig.CircuitBreakerSettings b = config.breaker();
            return new UnavailableException(ChatClient.CIRCUIT_OPEN, provider + " is failing: at least "
                    + Math.round(b.failureRate() * 100) + "% of its last " + b.window()
                    + " calls failed, so calls fail at once for " + b.openFor()
                    + " before a trial call; the local layers answer meanwhile", failure);
        }
        Optional<HttpException> http = find(failure, HttpException.class);
        String detail = mask(http.map(h -> errorMessage(h.getMessage())).orElseGet(() -> rootMessage(failure)), config);
        if (!isRetriable(failure) && http.isPresent()) {
            int status = http.get().statusCode();
            String fix = switch (status) {
                case 401, 403 -> "check " + LlmConfig.ENV_API_KEY;
                case 404 -> "check that " + LlmConfig.ENV_BASE_URL + " is the API root (it usually ends in /v1) and that "
                        + LlmConfig.ENV_MODEL + " names a model the provider serves";
                case 301, 302, 303, 307, 308 -> "redirects are not followed, so that calls reach only the allowed"
                        + " hosts; set " + LlmConfig.ENV_BASE_URL + " to the URL the provider redirects to";
                default -> "the request was not accepted; this is not retried";
            };
            return new UnavailableException(ChatClient.REJECTED, provider + " refused the request with HTTP " + status
                    + ": " + detail + "; " + fix, failure);
        }
        String what = http.map(h -> "HTTP " + h.statusCode() + ": " + detail).orElse(detail);
        return new UnavailableException(ChatClient.UNAVAILABLE, provider + " failed after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + "; last error: " + what, failure);
    }

    /** OpenAI's error body is {@code {"error": {"message": ...}}}; other servers may send plain text. */
    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return truncate(message.asText());
            }
        } catch (IOException e) {
            // not JSON: the body itself is the best description there is
        }
        return truncate(body.strip());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    /** A misbehaving server might echo the key back; it must not reach a message or a log. */
    private static String mask(String text, LlmConfig config) {
        return config.apiKey() == null ? text : text.replace(config.apiKey(), "****");
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
