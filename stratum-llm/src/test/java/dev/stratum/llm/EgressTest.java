package dev.stratum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.UnavailableException;
import dev.stratum.llm.privacy.EgressAllowList;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EgressTest {
    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void should_allow_only_the_configured_host_by_default() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of(LlmConfig.ENV_BASE_URL, server.baseUrl(),
                LlmConfig.ENV_MODEL, "test-model")).orElseThrow();

        assertThat(config.allowedHosts()).isEqualTo(EgressAllowList.only("127.0.0.1"));
        try (OpenAiChatClient client = OpenAiChatClient.create(config)) {
            assertThat(client.config().allowedHosts().permits("127.0.0.1")).isTrue();
        }
    }

    @Test
    void should_refuse_a_client_for_a_host_not_in_the_list_and_log_the_host_only() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of(LlmConfig.ENV_BASE_URL, server.baseUrl(),
                LlmConfig.ENV_MODEL, "test-model", LlmConfig.ENV_API_KEY, "sk-secret-key-42",
                EgressAllowList.ENV_ALLOWED_HOSTS, "api.openai.com, localhost")).orElseThrow();

        String log = stderrOf(() -> assertThatThrownBy(() -> OpenAiChatClient.create(config))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo("llm_host_not_allowed"))
                .hasMessage("LLM provider host '127.0.0.1' is not in STRATUM_LLM_ALLOWED_HOSTS (api.openai.com,"
                        + "localhost), so no call may go there; add the host to STRATUM_LLM_ALLOWED_HOSTS if it is"
                        + " meant to receive texts, or point STRATUM_LLM_BASE_URL at an allowed host"));

        assertThat(log).contains("refused to create an LLM client for host 127.0.0.1: it is not in"
                + " STRATUM_LLM_ALLOWED_HOSTS").doesNotContain("sk-secret-key-42").doesNotContain("test-model");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void should_not_follow_a_redirect_to_another_host() throws Exception {
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location", server.baseUrl() + "/chat/completions");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirecting.start();
        try (OpenAiChatClient client = OpenAiChatClient.create(LlmConfig.of(
                "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/v1", "test-model", null)
                .withRetries(0, Duration.ofMillis(1)))) {
            assertThatThrownBy(() -> client.complete(List.of(ChatTurn.user("Hello"))))
                    .isInstanceOfSatisfying(UnavailableException.class,
                            e -> assertThat(e.code()).isEqualTo(ChatClient.REJECTED))
                    .hasMessageContaining("HTTP 307")
                    .hasMessageContaining("redirects are not followed");
        } finally {
            redirecting.stop(0);
        }
        assertThat(server.requestCount()).isZero();
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
