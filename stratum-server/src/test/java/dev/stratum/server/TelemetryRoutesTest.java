package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryRoutesTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private final TestServer t = TestServer.shared();

    @Test
    void metrics_afterAPredict_exposeThePredictCounterOfTheTaskAndTheRoute() {
        String task = t.createTask("metrics");
        assertThat(t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"taxi to the airport\"}").status())
                .isEqualTo(200);

        Reply reply = t.send(t.unauthenticated("/metrics").GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(reply.body())
                .containsPattern("stratum_predictions_total\\{layer=\"general\",task=\"" + task + "\"} 1\\.0")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/tasks/{task}/predict\"")
                .contains("stratum_stage_duration_seconds_bucket")
                .contains("jvm_memory_used_bytes")
                .doesNotContain("taxi to the airport");
    }

    @Test
    void metrics_countErrorsByCode() {
        t.post("/v1/tasks/no-such-task-metrics/predict", "{\"text\": \"taxi\"}");

        assertThat(t.get("/metrics").body()).contains("stratum_http_errors_total{code=\"task_not_found\"");
    }

    @Test
    void traces_ofAPredictWithTraceparent_continueTheCallersTrace_withTheEngineStagesBelow() {
        String task = t.createTask("traces");
        Reply predict = t.send(t.request("/v1/tasks/" + task + "/predict")
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"hotel in Lyon\"}")));
        assertThat(predict.status()).isEqualTo(200);

        JsonNode spans = t.get("/v1/traces?trace_id=" + TRACE_ID + "&limit=1000").json().path("spans");

        List<String> names = new ArrayList<>();
        spans.forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).contains("POST /v1/tasks/{task}/predict", "stratum.predict", "embedding", "storage");
        JsonNode server = find(spans, "POST /v1/tasks/{task}/predict");
        assertThat(server.path("kind").asText()).isEqualTo("server");
        assertThat(server.path("parent_span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(server.path("attributes").path("http.response.status_code").asInt()).isEqualTo(200);
        assertThat(find(spans, "stratum.predict").path("parent_span_id").asText())
                .isEqualTo(server.path("span_id").asText());
        assertThat(spans.toString()).doesNotContain("hotel in Lyon");
    }

    @Test
    void traces_limit_isApplied() {
        t.get("/v1/health");
        t.get("/v1/health");

        assertThat(t.get("/v1/traces?limit=1").json().path("spans")).hasSize(1);
    }

    @Test
    void traces_withoutKey_returns401() {
        assertThat(t.send(t.unauthenticated("/v1/traces").GET()).status()).isEqualTo(401);
    }

    @Test
    void traces_badTraceId_returns400SayingWhatAnIdLooksLike() {
        Reply reply = t.get("/v1/traces?trace_id=xyz");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("32 lower-case hex digits");
    }

    @Test
    void metrics_behindTheKey_returns401WithoutIt_and200WithIt() {
        try (StratumServer keyed = t.startAnother(ServerConfig.defaults().withMetrics(ServerConfig.MetricsAccess.KEY))) {
            Reply anonymous = TestServer.send(t.http, java.net.http.HttpRequest.newBuilder(
                    TestServer.uri(keyed, "/metrics")).GET().build());
            Reply withKey = TestServer.send(t.http, java.net.http.HttpRequest.newBuilder(
                    TestServer.uri(keyed, "/metrics")).header("Authorization", "Bearer " + t.adminKey).GET().build());

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(withKey.status()).isEqualTo(200);
        }
    }

    @Test
    void metrics_turnedOff_areNotServed() {
        try (StratumServer off = t.startAnother(ServerConfig.defaults().withMetrics(ServerConfig.MetricsAccess.OFF))) {
            Reply reply = TestServer.send(t.http, java.net.http.HttpRequest.newBuilder(
                    TestServer.uri(off, "/metrics")).GET().build());

            assertThat(reply.status()).isEqualTo(404);
        }
    }

    private static JsonNode find(JsonNode spans, String name) {
        for (JsonNode span : spans) {
            if (span.path("name").asText().equals(name)) {
                return span;
            }
        }
        throw new AssertionError("no span named " + name + " in " + spans);
    }
}
