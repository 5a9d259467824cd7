package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void predict_malformedJson_returns400WithLocation() {
        String task = t.createTask("malformed");

        Reply reply = t.post("/v1/tasks/" + task + "/predict", "{\n  \"text\": \"taxi\",,\n}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("malformed_json");
        assertThat(reply.errorMessage()).contains("line 2, column");
    }

    @Test
    void predict_trailingGarbage_returns400() {
        Reply reply = t.post("/v1/tasks/any/predict", "{\"text\": \"taxi\"} {\"text\": \"again\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("malformed_json");
    }

    @Test
    void createTask_unknownField_returns400NamingItAndTheKnownOnes() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"typo\", \"lables\": [\"a\"], \"labels\": [\"a\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("unknown_field");
        assertThat(reply.errorMessage()).contains("'lables'").contains("labels, name, settings");
    }

    @Test
    void createTask_nestedUnknownField_namesItsPath() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"nested\", \"labels\": [{\"name\": \"a\", \"desc\": \"x\"}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'labels[0].desc'");
    }

    @Test
    void createTask_wrongType_returns400NamingTheFieldAndTheExpectedType() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"wrong-type\", \"labels\": [\"a\"], "
                + "\"settings\": {\"retrain_every\": \"often\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_field");
        assertThat(reply.errorMessage()).contains("'settings.retrain_every'").contains("a whole number").contains("a string");
    }

    @Test
    void createTask_invalidValueInsideANestedObject_namesWhereItIs() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"nested-bad\", \"labels\": [\"a\"], "
                + "\"settings\": {\"hyperlocal_threshold\": \"high\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).startsWith("in 'settings': ").contains("'hyperlocal_threshold'");
    }

    @Test
    void createTask_labelsAsPlainStrings_areAccepted() {
        String id = TestServer.uniqueTaskId("plain-labels");

        Reply reply = t.post("/v1/tasks", "{\"id\": \"" + id + "\", \"labels\": [\"travel\", {\"name\": \"meals\"}]}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("labels").findValuesAsText("name")).containsExactly("travel", "meals");
    }

    @Test
    void createTask_bodyIsAnArray_returns400SayingAnObjectIsExpected() {
        Reply reply = t.post("/v1/tasks", "[1, 2]");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("must be a JSON object, got an array");
    }

    @Test
    void createTask_missingLabels_returns400() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"no-labels\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'labels'");
    }

    @Test
    void createTask_invalidSettingValue_returns400FromTheApiRecord() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"bad-threshold\", \"labels\": [\"a\"], "
                + "\"settings\": {\"hyperlocal_threshold\": 3}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_settings");
    }

    @Test
    void predict_emptyBody_returns400() {
        Reply reply = t.postRaw("/v1/tasks/any/predict", "application/json", new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("empty_body");
    }

    @Test
    void predict_withoutContentType_returns415NamingTheExpectedType() {
        Reply reply = t.postRaw("/v1/tasks/any/predict", null, "{\"text\":\"taxi\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("unsupported_media_type");
        assertThat(reply.errorMessage()).contains("application/json");
    }

    @Test
    void predict_withTextPlain_returns415() {
        Reply reply = t.postRaw("/v1/tasks/any/predict", "text/plain", "{\"text\":\"taxi\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorMessage()).contains("'text/plain'");
    }

    @Test
    void importExamples_withJsonContentTypeAndNoFormat_returns415NamingBothFormats() {
        String task = t.createTask("import-type");

        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import", "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorMessage()).contains("text/csv").contains("application/x-ndjson");
    }

    @Test
    void predict_bodyOverTheLimit_returns413SayingTheLimit() {
        try (StratumServer small = t.startAnother(ServerConfig.defaults().withMaxBodyBytes(2048))) {
            String big = "{\"text\": \"" + "x".repeat(5000) + "\"}";
            HttpRequest request = HttpRequest.newBuilder(TestServer.uri(small, "/v1/tasks/any/predict"))
                    .header("Authorization", "Bearer " + t.adminKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(big))
                    .build();

            Reply reply = TestServer.send(t.http, request);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.errorCode()).isEqualTo("body_too_large");
            assertThat(reply.errorMessage()).contains("2 KiB (2048 bytes)");
        }
    }

    @Test
    void importExamples_fileOverTheImportLimit_returns413() {
        try (StratumServer small = t.startAnother(ServerConfig.defaults().withMaxBodyBytes(1024).withMaxImportBytes(4096))) {
            String task = t.createTask("import-limit");
            StringBuilder csv = new StringBuilder("text,label\n");
            while (csv.length() < 10_000) {
                csv.append("taxi to the airport,travel\n");
            }
            HttpRequest request = HttpRequest.newBuilder(TestServer.uri(small, "/v1/tasks/" + task + "/examples/import"))
                    .header("Authorization", "Bearer " + t.adminKey)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                    .build();

            Reply reply = TestServer.send(t.http, request);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.errorMessage()).contains("4 KiB (4096 bytes)");
        }
    }

    @Test
    void unknownRoute_returns404PointingToTheOpenApiDocument() {
        Reply reply = t.get("/v1/no-such-thing");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("route_not_found");
        assertThat(reply.errorMessage()).contains("/openapi.json");
    }

    @Test
    void wrongMethod_returns405ListingTheAllowedOnes() {
        Reply reply = t.method("DELETE", "/v1/tasks", null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo("method_not_allowed");
        assertThat(reply.errorMessage()).contains("GET").contains("POST");
    }

    @Test
    void unknownTask_returns404() {
        Reply reply = t.get("/v1/tasks/no-such-task");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorMessage()).contains("no-such-task");
    }

    @Test
    void unknownPrediction_returns404() {
        assertThat(t.get("/v1/predictions/no-such-prediction").status()).isEqualTo(404);
    }

    @Test
    void createTask_twice_returns409() {
        String id = t.createTask("twice");

        Reply reply = t.post("/v1/tasks", "{\"id\": \"" + id + "\", \"labels\": [\"a\"]}");

        assertThat(reply.status()).isEqualTo(409);
    }

    @Test
    void unavailableDependency_returns503WithRetryAfter() {
        Reply reply = t.post("/v1/tasks/" + FaultInjection.UNAVAILABLE_TASK + "/predict", "{\"text\": \"taxi\"}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.errorCode()).isEqualTo("store_unavailable");
        assertThat(reply.header("Retry-After")).isEqualTo(String.valueOf(ErrorMapping.RETRY_AFTER_SECONDS));
    }

    @Test
    void ready_whenTheServiceIsNotReady_returns503WithRetryAfter() {
        try (StratumServer notReady = StratumServer.start(ServerConfig.defaults().withPort(0),
                FaultInjection.notReady(t.engine), t.engine.store().apiKeys())) {
            Reply reply = TestServer.send(t.http, HttpRequest.newBuilder(TestServer.uri(notReady, "/v1/ready")).build());

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.errorCode()).isEqualTo("not_ready");
            assertThat(reply.header("Retry-After")).isNotBlank();
            assertThat(TestServer.send(t.http, HttpRequest.newBuilder(TestServer.uri(notReady, "/v1/health")).build())
                    .status()).as("liveness stays up").isEqualTo(200);
        }
    }

    @Test
    void unexpectedException_returns500WithoutEchoingTheRequest() {
        String secretText = "card 4111-1111-1111-1111 dinner";

        Reply reply = t.post("/v1/tasks/" + FaultInjection.EXPLODING_TASK + "/predict", "{\"text\": \"" + secretText + "\"}");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.errorCode()).isEqualTo("internal_error");
        assertThat(reply.body()).doesNotContain("4111").doesNotContain("simulated");
        assertThat(reply.errorMessage()).contains("reference");
    }

    @Test
    void batch_overTheLimit_returns400SayingTheLimit() {
        String task = t.createTask("batch-limit");
        StringBuilder texts = new StringBuilder();
        for (int i = 0; i <= ServerConfig.DEFAULT_MAX_BATCH_TEXTS; i++) {
            texts.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }

        Reply reply = t.post("/v1/tasks/" + task + "/predict/batch", "{\"texts\": [" + texts + "]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("batch_too_large");
        assertThat(reply.errorMessage()).contains("1001").contains("1000");
    }

    @Test
    void examples_nonNumericLimit_returns400() {
        String task = t.createTask("bad-limit");

        Reply reply = t.get("/v1/tasks/" + task + "/examples?limit=lots");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'limit'").contains("1 to 1000");
    }

    @Test
    void deleteExample_nonNumericId_returns400() {
        String task = t.createTask("bad-example-id");

        assertThat(t.method("DELETE", "/v1/tasks/" + task + "/examples/abc", null).status()).isEqualTo(400);
    }

    @Test
    void deeplyNestedJson_returns400() {
        String deep = "{\"text\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        Reply reply = t.post("/v1/tasks/any/predict", deep);

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void requestJettyRefuses_stillGetsAJsonErrorBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400").contains("application/json")
                    .contains("{\"error\":{\"code\":\"bad_http_request\"");
        }
    }

    @Test
    void feedback_unknownAction_returns400ListingTheActions() {
        Reply reply = t.post("/v1/predictions/whatever/feedback", "{\"action\": \"approve\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("accept").contains("correct").contains("reject");
    }
}
