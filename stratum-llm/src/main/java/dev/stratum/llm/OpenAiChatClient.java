package dev.stratum.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.UnavailableException;
import dev.stratum.llm.privacy.EgressAllowList;
import dev.stratum.llm.privacy.PiiRedactor;
import dev.stratum.llm.privacy.PrivacyMode;
import dev.stratum.llm.privacy.Redaction;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatClient} for any server that speaks OpenAI's chat-completions protocol, through LangChain4j. Each call
 * runs under a deadline; inside it, retriable failures are retried with exponential backoff (Resilience4j, with
 * LangChain4j's own retries off so that one policy decides), and every attempt passes a circuit breaker of this
 * provider. Conversations are never logged.
 *
 * <p>This is the one place where texts leave for a provider, so the privacy controls live here. A client whose base
 * URL's host is not in the configuration's allowed hosts is refused when it is created, and redirects are not
 * followed, so calls reach no other host. Every call, whatever turn it carries (instructions, few-shot examples,
 * input, earlier answers, corrections), passes {@link PiiRedactor} in the client's {@link PrivacyMode} (the
 * configuration's, or a task's through {@link #withPrivacy}); in redact mode the answer comes back with the
 * original values in place of the placeholders.
 */
public final class OpenAiChatClient implements ChatClient, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatClient.class);

    private final LlmConfig config;
    private final ChatModel model;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final PiiRedactor redactor;

    private OpenAiChatClient(LlmConfig config, Clock clock, ExecutorService executor, boolean ownsExecutor) {
        requireAllowedHost(config);
        this.config = config;
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
        this.redactor = new PiiRedactor(config.privacy().names());
        this.model = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl().toString())
                // A redirect could lead past the allowed hosts; the JDK's default is already not to follow, and this
                // keeps it so whatever LangChain4j's default becomes.
                .httpClientBuilder(JdkHttpClient.builder()
                        .httpClientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)))
                .apiKey(config.apiKey())
                .modelName(config.model())
                .timeout(config.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        LlmConfig.CircuitBreakerSettings b = config.breaker();
        this.breaker = CircuitBreaker.of("llm " + config.providerName(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.window())
                .minimumNumberOfCalls(b.window())
                .failureRateThreshold((float) (b.failureRate() * 100))
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(ProviderFailures::countsAgainstProvider)
                .clock(clock)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> LOG.warn("LLM provider {}: circuit breaker {}",
                config.providerName(), event.getStateTransition()));
        this.retry = Retry.of("llm " + config.providerName(), RetryConfig.custom()
                .maxAttempts(config.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(config.retryBackoff(), 2.0, config.deadline()))
                .retryOnException(ProviderFailures::isRetriable)
                .build());
    }

    /** A client with the system clock and its own virtual threads, shut down by {@link #close()}. */
    public static OpenAiChatClient create(LlmConfig config) {
        return new OpenAiChatClient(config, Clock.systemUTC(), Executors.newVirtualThreadPerTaskExecutor(), true);
    }

    /**
     * A client whose circuit breaker reads {@code clock} (so tests can move past its open period without waiting)
     * and whose calls run on {@code executor}, which the caller owns.
     */
    public static OpenAiChatClient create(LlmConfig config, Clock clock, ExecutorService executor) {
        return new OpenAiChatClient(config, clock, executor, false);
    }

    public LlmConfig config() {
        return config;
    }

    /**
     * This client with another privacy mode, for a task that sets its own; it shares the connection, retries and
     * circuit breaker.
     */
    public ChatClient withPrivacy(PrivacyMode mode) {
        Objects.requireNonNull(mode, "mode");
        return (conversation, timeLeft) -> complete(conversation, timeLeft, mode);
    }

    /** Sends {@code conversation} in the configuration's privacy mode. */
    @Override
    public String complete(List<ChatTurn> conversation, Duration timeLeft) {
        return complete(conversation, timeLeft, config.privacy().mode());
    }

    private String complete(List<ChatTurn> conversation, Duration timeLeft, PrivacyMode mode) {
        if (conversation.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one turn");
        }
        Redaction redaction = redactor.redact(conversation.stream().map(ChatTurn::text).toList(), mode);
        if (!redaction.found().isEmpty()) {
            LOG.debug("LLM call to {}: {} replaced by placeholders", config.providerName(), redaction.summary());
        }
        List<ChatTurn> outgoing = new ArrayList<>(conversation.size());
        for (int i = 0; i < conversation.size(); i++) {
            outgoing.add(new ChatTurn(conversation.get(i).role(), redaction.texts().get(i)));
        }
        return redaction.restore(send(outgoing, timeLeft));
    }

    private String send(List<ChatTurn> conversation, Duration timeLeft) {
        Duration deadline = timeLeft.compareTo(config.deadline()) < 0 ? timeLeft : config.deadline();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new UnavailableException(DEADLINE_EXCEEDED, "no time was left to call LLM provider "
                    + config.providerName(), null);
        }
        ChatRequest request = ChatRequest.builder().messages(toMessages(conversation)).build();
        AtomicInteger attempts = new AtomicInteger();
        Supplier<String> call = () -> {
            attempts.incrementAndGet();
            String text = model.chat(request).aiMessage().text();
            return text == null ? "" : text;
        };
        Supplier<String> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call));
        Future<String> future = executor.submit(guarded::get);
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            String limit = deadline.equals(config.deadline())
                    ? "the deadline of " + deadline + "; raise " + LlmConfig.ENV_DEADLINE + " if the model is slow"
                    : "the " + deadline + " left for this request";
            throw new UnavailableException(DEADLINE_EXCEEDED, "LLM provider " + config.providerName()
                    + " did not answer within " + limit + " (" + attempts.get()
                    + (attempts.get() == 1 ? " attempt" : " attempts") + " started, each limited to "
                    + config.timeout() + ")", e);
        } catch (ExecutionException e) {
            UnavailableException failure = ProviderFailures.toUnavailable(e.getCause(), config, attempts.get());
            LOG.debug("LLM call failed: {}", failure.getMessage());
            throw failure;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnavailableException(UNAVAILABLE, "interrupted while waiting for LLM provider "
                    + config.providerName(), e);
        }
    }

    private static void requireAllowedHost(LlmConfig config) {
        String host = config.baseUrl().getHost();
        if (!config.allowedHosts().permits(host)) {
            LOG.warn("refused to create an LLM client for host {}: it is not in {}", host,
                    EgressAllowList.ENV_ALLOWED_HOSTS);
            throw new InvalidRequestException("llm_host_not_allowed", "LLM provider host '" + host + "' is not in "
                    + EgressAllowList.ENV_ALLOWED_HOSTS + " (" + config.allowedHosts() + "), so no call may go there;"
                    + " add the host to " + EgressAllowList.ENV_ALLOWED_HOSTS + " if it is meant to receive texts,"
                    + " or point " + LlmConfig.ENV_BASE_URL + " at an allowed host");
        }
    }

    private static List<ChatMessage> toMessages(List<ChatTurn> conversation) {
        return conversation.stream().<ChatMessage>map(turn -> switch (turn.role()) {
            case SYSTEM -> SystemMessage.from(turn.text());
            case USER -> UserMessage.from(turn.text());
            case ASSISTANT -> AiMessage.from(turn.text());
        }).toList();
    }

    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "OpenAiChatClient[" + config + "]";
    }
}
