package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private static final Set<String> PUBLIC_PATHS = Set.of("/v1/health", "/v1/ready", "/openapi.json", "/metrics",
            "/console", "/console/{asset}");
    private final TestServer t = TestServer.shared();

    @Test
    void health_withoutKey_returns200() {
        Reply reply = t.send(t.unauthenticated("/v1/health").GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("ok");
    }

    @Test
    void ready_withoutKey_returns200WhenTheEngineIsUp() {
        Reply reply = t.send(t.unauthenticated("/v1/ready").GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void openApi_withoutKey_returns200() {
        assertThat(t.send(t.unauthenticated("/openapi.json").GET()).status()).isEqualTo(200);
    }

    @Test
    void listTasks_withoutKey_returns401NamingTheHeader() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks").GET());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
        assertThat(reply.errorMessage()).contains("Authorization: Bearer <key>");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void listTasks_withUnknownKey_returns401() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks").header("Authorization", "Bearer sk_not-a-real-key").GET());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorMessage()).contains("not known");
    }

    @Test
    void listTasks_withKeyButNoScheme_returns401WithoutEchoingTheKey() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks").header("Authorization", t.adminKey).GET());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorMessage()).contains("Bearer").doesNotContain(t.adminKey);
    }

    @Test
    void listTasks_withBearerAndNothingElse_returns401() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks").header("Authorization", "Bearer ").GET());

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void listTasks_withAdminKey_returns200() {
        assertThat(t.get("/v1/tasks").status()).isEqualTo(200);
    }

    @Test
    void bearerScheme_isCaseInsensitive() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks").header("Authorization", "bearer " + t.adminKey).GET());

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void head_onAProtectedRoute_withoutKey_runsNoHandlerAndReturnsNoBody() {
        Reply reply = t.send(t.unauthenticated("/v1/tasks/no-such-task").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        // 200 rather than 404 shows that the GET handler did not run: Javalin answers HEAD from the route table.
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void everyRegisteredRoute_exceptThePublicOnes_needsAKey() {
        for (StratumServer.Route route : t.server.routes()) {
            String path = route.path().replace("{task}", "no-such-task").replace("{id}", "1")
                    .replace("{asset}", "app.js").replace("{version}", "no-such-task-v1");
            HttpRequest.Builder request = t.unauthenticated(path)
                    .header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
            Reply reply = t.send(request);

            if (PUBLIC_PATHS.contains(route.path())) {
                assertThat(reply.status()).as(route.toString()).isLessThan(400);
            } else {
                assertThat(reply.status()).as(route.toString()).isEqualTo(401);
            }
        }
    }
}
