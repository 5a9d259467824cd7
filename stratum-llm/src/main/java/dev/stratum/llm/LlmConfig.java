package dev.stratum.llm;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.llm.privacy.EgressAllowList;
import dev.stratum.llm.privacy.PrivacySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one OpenAI-compatible chat provider and how patiently, validated once when it is built. The API key is
 * never printed: {@link #toString()} masks it.
 *
 * @param baseUrl the API root that {@code /chat/completions} is appended to, for example
 *     {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param model the model name (Azure OpenAI: the deployment name)
 * @param apiKey sent as {@code Authorization: Bearer ...}; null for local servers that need none
 * @param timeout how long one HTTP attempt may take
 * @param deadline how long a whole call may take, retries and their waits included; no call outlives it
 * @param maxRetries how many times a retriable failure (timeout, connection error, 408, 429, 5xx) is retried
 * @param retryBackoff the wait before the first retry; it doubles on each further one
 * @param breaker when the provider counts as down
 * @param allowedHosts the hosts calls may reach; null for only the base URL's host. A client whose base URL is not
 *     among them is refused when it is created
 * @param privacy how identifiers in the texts are treated (redacted by default) and which person names to look for;
 *     null for {@link PrivacySettings#DEFAULT}
 */
public record LlmConfig(
        URI baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        Duration deadline,
        int maxRetries,
        Duration retryBackoff,
        CircuitBreakerSettings breaker,
        EgressAllowList allowedHosts,
        PrivacySettings privacy) {
    public static final String ENV_BASE_URL = "STRATUM_LLM_BASE_URL";
    public static final String ENV_MODEL = "STRATUM_LLM_MODEL";
    public static final String ENV_API_KEY = "STRATUM_LLM_API_KEY";
    public static final String ENV_TIMEOUT = "STRATUM_LLM_TIMEOUT";
    public static final String ENV_DEADLINE = "STRATUM_LLM_DEADLINE";
    public static final String ENV_MAX_RETRIES = "STRATUM_LLM_MAX_RETRIES";
    public static final String ENV_RETRY_BACKOFF = "STRATUM_LLM_RETRY_BACKOFF";
    public static final String ENV_BREAKER_WINDOW = "STRATUM_LLM_BREAKER_WINDOW";
    public static final String ENV_BREAKER_FAILURE_RATE = "STRATUM_LLM_BREAKER_FAILURE_RATE";
    public static final String ENV_BREAKER_OPEN = "STRATUM_LLM_BREAKER_OPEN";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
    private static final int MAX_RETRIES_LIMIT = 10;

    /**
     * When the provider counts as down: once at least {@code failureRate} of the last {@code window} calls failed, the
     * breaker opens and calls fail at once for {@code openFor}; then one trial call decides whether it closes again.
     */
    public record CircuitBreakerSettings(int window, double failureRate, Duration openFor) {
        public static final CircuitBreakerSettings DEFAULT = new CircuitBreakerSettings(10, 0.5, Duration.ofSeconds(30));

        public CircuitBreakerSettings {
            if (window < 1 || window > 1000) {
                throw invalid(ENV_BREAKER_WINDOW + " is " + window + "; use a number of calls from 1 to 1000 (default "
                        + DEFAULT.window + ")");
            }
            if (!(failureRate > 0 && failureRate <= 1)) {
                throw invalid(ENV_BREAKER_FAILURE_RATE + " is " + failureRate
                        + "; use the share of failed calls that opens the breaker, above 0 and at most 1 (default "
                        + DEFAULT.failureRate + ")");
            }
            requirePositive(ENV_BREAKER_OPEN, openFor);
        }
    }

    public LlmConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw invalid(ENV_BASE_URL + " '" + baseUrl + "' is not an http(s) URL with a host; use the API root,"
                    + " for example https://api.openai.com/v1 or http://localhost:11434/v1");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw invalid(ENV_BASE_URL + " '" + baseUrl.getScheme() + "://" + baseUrl.getHost()
                    + "...' carries a query, fragment or user info; give only the API root and put the key in "
                    + ENV_API_KEY);
        }
        if (model == null || model.isBlank()) {
            throw invalid(ENV_MODEL + " is empty; name the model (Azure OpenAI: the deployment), for example gpt-4o-mini");
        }
        model = model.strip();
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        requirePositive(ENV_TIMEOUT, timeout);
        requirePositive(ENV_DEADLINE, deadline);
        if (timeout.compareTo(deadline) > 0) {
            throw invalid(ENV_TIMEOUT + " (" + timeout + ") is longer than " + ENV_DEADLINE + " (" + deadline
                    + "), so an attempt could never use it; raise the deadline or lower the timeout");
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw invalid(ENV_MAX_RETRIES + " is " + maxRetries + "; use 0 to " + MAX_RETRIES_LIMIT + " (default "
                    + DEFAULT_MAX_RETRIES + ")");
        }
        requirePositive(ENV_RETRY_BACKOFF, retryBackoff);
        Objects.requireNonNull(breaker, "breaker");
        allowedHosts = allowedHosts == null ? EgressAllowList.only(baseUrl.getHost()) : allowedHosts;
        privacy = privacy == null ? PrivacySettings.DEFAULT : privacy;
    }

    /** A provider with the default timeout, deadline, retries and circuit breaker. */
    public static LlmConfig of(String baseUrl, String model, String apiKey) {
        return new LlmConfig(parseUrl(baseUrl), model, apiKey, DEFAULT_TIMEOUT, DEFAULT_DEADLINE,
                DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BACKOFF, CircuitBreakerSettings.DEFAULT, null, null);
    }

    /**
     * Reads the {@code STRATUM_LLM_*} variables. Empty when neither a base URL nor a model is set: then no external
     * provider is used and nothing leaves the machine. The allowed hosts are read from
     * {@value EgressAllowList#ENV_ALLOWED_HOSTS}, the privacy settings as {@link PrivacySettings#fromEnvironment}
     * says. Durations read as {@code 500ms}, {@code 20s}, {@code 2m} or
     * ISO-8601 ({@code PT20S}).
     */
    public static Optional<LlmConfig> fromEnvironment(Map<String, String> env) {
        String url = value(env, ENV_BASE_URL);
        String model = value(env, ENV_MODEL);
        if (url == null && model == null) {
            if (value(env, ENV_API_KEY) != null) {
                throw invalid(ENV_API_KEY + " is set but " + ENV_BASE_URL + " and " + ENV_MODEL
                        + " are not; set both to use an LLM provider, or unset the key");
            }
            return Optional.empty();
        }
        if (url == null || model == null) {
            throw invalid((url == null ? ENV_BASE_URL : ENV_MODEL) + " is not set but "
                    + (url == null ? ENV_MODEL : ENV_BASE_URL) + " is; an LLM provider needs both");
        }
        CircuitBreakerSettings breaker = new CircuitBreakerSettings(
                intValue(env, ENV_BREAKER_WINDOW, CircuitBreakerSettings.DEFAULT.window()),
                doubleValue(env, ENV_BREAKER_FAILURE_RATE, CircuitBreakerSettings.DEFAULT.failureRate()),
                durationValue(env, ENV_BREAKER_OPEN, CircuitBreakerSettings.DEFAULT.openFor()));
        return Optional.of(new LlmConfig(parseUrl(url), model, value(env, ENV_API_KEY),
                durationValue(env, ENV_TIMEOUT, DEFAULT_TIMEOUT),
                durationValue(env, ENV_DEADLINE, DEFAULT_DEADLINE),
                intValue(env, ENV_MAX_RETRIES, DEFAULT_MAX_RETRIES),
                durationValue(env, ENV_RETRY_BACKOFF, DEFAULT_RETRY_BACKOFF),
                breaker,
                value(env, EgressAllowList.ENV_ALLOWED_HOSTS) == null
                        ? null
                        : EgressAllowList.parse(value(env, EgressAllowList.ENV_ALLOWED_HOSTS)),
                PrivacySettings.fromEnvironment(env)));
    }

    public LlmConfig withTimeouts(Duration newTimeout, Duration newDeadline) {
        return new LlmConfig(baseUrl, model, apiKey, newTimeout, newDeadline, maxRetries, retryBackoff, breaker,
                allowedHosts, privacy);
    }

    public LlmConfig withRetries(int newMaxRetries, Duration newBackoff) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, deadline, newMaxRetries, newBackoff, breaker,
                allowedHosts, privacy);
    }

    public LlmConfig withBreaker(CircuitBreakerSettings newBreaker) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, deadline, maxRetries, retryBackoff, newBreaker,
                allowedHosts, privacy);
    }

    public LlmConfig withAllowedHosts(EgressAllowList value) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, deadline, maxRetries, retryBackoff, breaker, value,
                privacy);
    }

    public LlmConfig withPrivacy(PrivacySettings value) {
        return new LlmConfig(baseUrl, model, apiKey, timeout, deadline, maxRetries, retryBackoff, breaker,
                allowedHosts, value);
    }

    /** Names the provider for messages and logs: the model and the URL, never the key. */
    public String providerName() {
        return "'" + model + "' at " + baseUrl;
    }

    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "****")
                + ", timeout=" + timeout + ", deadline=" + deadline + ", maxRetries=" + maxRetries
                + ", retryBackoff=" + retryBackoff + ", breaker=" + breaker + ", allowedHosts=" + allowedHosts
                + ", privacy=" + privacy + "]";
    }

    private static URI parseUrl(String url) {
        try {
            return new URI(url.strip().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("invalid_llm_config", ENV_BASE_URL + " '" + url
                    + "' is not a URL: " + e.getReason() + "; use the API root, for example https://api.openai.com/v1", e);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String v = value(env, name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(name + " is '" + v + "', not a whole number; leave it unset for " + fallback);
        }
    }

    private static double doubleValue(Map<String, String> env, String name, double fallback) {
        String v = value(env, name);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(name + " is '" + v + "', not a number; leave it unset for " + fallback);
        }
    }

    static Duration durationValue(Map<String, String> env, String name, Duration fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        String s = v.toLowerCase(Locale.ROOT);
        String message = name + " is '" + v + "', not a duration; write it like 500ms, 20s or 2m";
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s);
            } else if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            } else if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            } else if (s.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 60_000));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidRequestException("invalid_llm_config", message, e);
        }
        throw invalid(message);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name + " is " + value + "; use a positive duration such as 500ms, 20s or 2m");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_llm_config", message);
    }
}
