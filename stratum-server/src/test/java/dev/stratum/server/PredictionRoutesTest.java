package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import org.junit.jupiter.api.Test;

class PredictionRoutesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void predict_returnsTheGeneralLayersStoredPrediction() {
        String task = t.createTask("predict");

        Reply reply = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"Uber ride to the airport\"}");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode p = reply.json();
        assertThat(p.path("id").asText()).isNotBlank();
        assertThat(p.path("task_id").asText()).isEqualTo(task);
        assertThat(p.path("text").asText()).isEqualTo("Uber ride to the airport");
        assertThat(p.path("label").asText()).isEqualTo("travel");
        assertThat(p.path("source").asText()).isEqualTo("general");
        assertThat(p.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.path("model_version").asText()).isNotBlank();
        assertThat(p.path("scores").get(0).path("label").asText()).isEqualTo("travel");
        assertThat(p.has("latency_ms")).isTrue();
        assertThat(p.path("created_at").asText()).endsWith("Z");
        assertThat(t.get("/v1/predictions/" + p.path("id").asText()).json().path("label").asText()).isEqualTo("travel");
    }

    @Test
    void predictBatch_answersEveryTextInOrder() {
        String task = t.createTask("batch");

        Reply reply = t.post("/v1/tasks/" + task + "/predict/batch",
                "{\"texts\": [\"hotel two nights\", \"team lunch pizza\", \"AWS invoice\"]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("predictions").findValuesAsText("text"))
                .containsExactly("hotel two nights", "team lunch pizza", "AWS invoice");
    }

    @Test
    void predictBatch_withAnEmptyText_returns400NamingItsIndex() {
        String task = t.createTask("batch-empty");

        Reply reply = t.post("/v1/tasks/" + task + "/predict/batch", "{\"texts\": [\"hotel\", \" \"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("texts[1]");
    }

    @Test
    void predict_unknownTask_returns404() {
        assertThat(t.post("/v1/tasks/no-such-task/predict", "{\"text\": \"taxi\"}").status()).isEqualTo(404);
    }

    @Test
    void predict_missingText_returns400() {
        String task = t.createTask("no-text");

        Reply reply = t.post("/v1/tasks/" + task + "/predict", "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("empty_text");
    }

    @Test
    void feedback_accept_recordsItAndAddsAnExample() {
        String task = t.createTask("accept");
        String id = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"Lufthansa flight to Munich\"}").json()
                .path("id").asText();

        Reply reply = t.post("/v1/predictions/" + id + "/feedback", "{\"action\": \"accept\", \"comment\": \"fine\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("feedback").path("action").asText()).isEqualTo("accept");
        assertThat(t.get("/v1/tasks/" + task + "/examples").json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void feedback_correct_storesTheRightLabel() {
        String task = t.createTask("correct");
        String id = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"Figma seats renewal\"}").json()
                .path("id").asText();

        Reply reply = t.post("/v1/predictions/" + id + "/feedback", "{\"action\": \"correct\", \"label\": \"meals\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("feedback").path("label").asText()).isEqualTo("meals");
        JsonNode examples = t.get("/v1/tasks/" + task + "/examples").json().path("items");
        assertThat(examples.findValuesAsText("label")).containsExactly("meals");
        assertThat(examples.get(0).path("source").asText()).isEqualTo("feedback");
    }

    @Test
    void feedback_correctWithoutLabel_returns400() {
        Reply reply = t.post("/v1/predictions/anything/feedback", "{\"action\": \"correct\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'label'");
    }

    @Test
    void feedback_correctWithLabelOutsideTheTaxonomy_returns400ListingTheLabels() {
        String task = t.createTask("correct-unknown");
        String id = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"printer paper\"}").json().path("id").asText();

        Reply reply = t.post("/v1/predictions/" + id + "/feedback", "{\"action\": \"correct\", \"label\": \"ofice\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("ofice").contains("travel");
    }
}
