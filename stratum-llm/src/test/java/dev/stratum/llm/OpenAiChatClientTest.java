package dev.stratum.llm;

import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.content;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.rateLimited;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.serverError;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.slow;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.UnavailableException;
import dev.stratum.llm.testing.MutableClock;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {
    private static final String KEY = "sk-test-secret-key-123";
    private static final List<ChatTurn> HELLO = List.of(ChatTurn.system("Be brief."), ChatTurn.user("Hello"));

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final MutableClock clock = new MutableClock();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    private LlmConfig config() {
        return LlmConfig.of(server.baseUrl(), "test-model", KEY)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(2, Duration.ofMillis(1));
    }

    private OpenAiChatClient client(LlmConfig config) {
        return OpenAiChatClient.create(config, clock, executor);
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (UnavailableException e) {
            return e.code();
        }
        throw new AssertionError("expected an UnavailableException");
    }

    @Test
    void should_send_the_conversation_model_and_key_and_return_the_answer() {
        server.enqueue(content("Hi there"));

        assertThat(client(config()).complete(HELLO)).isEqualTo("Hi there");

        ScriptedOpenAiServer.Received request = server.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(request.model()).isEqualTo("test-model");
        assertThat(request.messages()).extracting(m -> m.path("role").asText()).containsExactly("system", "user");
        assertThat(request.message(0)).isEqualTo("Be brief.");
        assertThat(request.message(1)).isEqualTo("Hello");
    }

    @Test
    void should_send_no_authorization_header_when_no_key_is_configured() {
        server.enqueue(content("ok"));
        LlmConfig keyless = LlmConfig.of(server.baseUrl(), "llama3", null);

        assertThat(client(keyless).complete(HELLO)).isEqualTo("ok");
        assertThat(server.requests().get(0).authorization()).isNull();
    }

    @Test
    void should_retry_after_429_and_return_the_answer() {
        server.enqueue(rateLimited(), content("after the rate limit"));

        assertThat(client(config()).complete(HELLO)).isEqualTo("after the rate limit");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void should_retry_500_exactly_max_retries_times_then_report_unavailable() {
        server.otherwise(serverError());

        assertThatThrownBy(() -> client(config()).complete(HELLO))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code())
                        .isEqualTo(ChatClient.UNAVAILABLE))
                .hasMessageContaining("failed after 3 attempts")
                .hasMessageContaining("HTTP 500: The server had an error");
        // 1 + 2 retries: LangChain4j's own retries are off, so Resilience4j alone decides.
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void should_not_retry_401_and_say_which_setting_to_check() {
        server.otherwise(unauthorized());

        assertThatThrownBy(() -> client(config()).complete(HELLO))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code())
                        .isEqualTo(ChatClient.REJECTED))
                .hasMessageContaining("HTTP 401: Incorrect API key provided")
                .hasMessageContaining(LlmConfig.ENV_API_KEY)
                .message().doesNotContain(KEY);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void should_mask_the_key_when_the_provider_echoes_it() {
        server.otherwise(ScriptedOpenAiServer.Reply.error(403, "invalid_request_error", null,
                "key " + KEY + " may not use this model"));

        assertThatThrownBy(() -> client(config()).complete(HELLO))
                .hasMessageContaining("key **** may not use this model")
                .message().doesNotContain(KEY);
    }

    @Test
    void should_point_at_the_base_url_when_the_path_is_wrong() {
        LlmConfig withoutV1 = LlmConfig.of(server.baseUrl().replace("/v1", ""), "test-model", KEY);

        assertThatThrownBy(() -> client(withoutV1).complete(HELLO))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.code())
                        .isEqualTo(ChatClient.REJECTED))
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("usually ends in /v1");
    }

    @Test
    void should_give_up_at_the_deadline_when_the_provider_is_slow() {
        server.otherwise(slow(Duration.ofSeconds(30), content("too late")));
        LlmConfig config = config().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThat(code(() -> client(config).complete(HELLO))).isEqualTo(ChatClient.DEADLINE_EXCEEDED);
        // Well below the server's 30 s delay: the call was cut at its deadline, not left to hang.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void should_retry_an_attempt_that_times_out() {
        server.enqueue(slow(Duration.ofSeconds(30), content("too late")), content("in time"));
        LlmConfig config = config().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10));

        assertThat(client(config).complete(HELLO)).isEqualTo("in time");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void should_open_the_circuit_after_repeated_failures_then_recover_through_a_trial_call() {
        LlmConfig config = config().withRetries(0, Duration.ofMillis(1))
                .withBreaker(new LlmConfig.CircuitBreakerSettings(4, 0.5, Duration.ofSeconds(30)));
        OpenAiChatClient client = client(config);
        server.enqueue(serverError(), serverError(), serverError(), serverError());

        for (int i = 0; i < 4; i++) {
            assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.UNAVAILABLE);
        }
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.CIRCUIT_OPEN);
        assertThat(server.requestCount()).as("an open circuit fails without calling the provider").isEqualTo(4);

        clock.advance(Duration.ofSeconds(29));
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.CIRCUIT_OPEN);

        clock.advance(Duration.ofSeconds(2));
        server.enqueue(content("recovered"), content("and again"));
        assertThat(client.complete(HELLO)).isEqualTo("recovered");
        assertThat(client.complete(HELLO)).isEqualTo("and again");
        assertThat(server.requestCount()).isEqualTo(6);
    }

    @Test
    void should_open_again_when_the_trial_call_fails() {
        LlmConfig config = config().withRetries(0, Duration.ofMillis(1))
                .withBreaker(new LlmConfig.CircuitBreakerSettings(2, 1.0, Duration.ofSeconds(10)));
        OpenAiChatClient client = client(config);
        server.otherwise(serverError());
        code(() -> client.complete(HELLO));
        code(() -> client.complete(HELLO));
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.CIRCUIT_OPEN);

        clock.advance(Duration.ofSeconds(11));
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.UNAVAILABLE);
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.CIRCUIT_OPEN);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void should_not_count_a_rejected_request_against_the_provider() {
        LlmConfig config = config().withRetries(0, Duration.ofMillis(1))
                .withBreaker(new LlmConfig.CircuitBreakerSettings(2, 0.5, Duration.ofSeconds(10)));
        OpenAiChatClient client = client(config);
        server.enqueue(ScriptedOpenAiServer.Reply.error(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 8192 tokens."));
        server.enqueue(ScriptedOpenAiServer.Reply.error(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 8192 tokens."));
        server.enqueue(content("fine"));

        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.REJECTED);
        assertThat(code(() -> client.complete(HELLO))).isEqualTo(ChatClient.REJECTED);
        assertThat(client.complete(HELLO)).isEqualTo("fine");
    }
}
