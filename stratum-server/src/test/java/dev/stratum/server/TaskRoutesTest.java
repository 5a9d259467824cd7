package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import org.junit.jupiter.api.Test;

class TaskRoutesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void createTask_returns201WithLocationAndSnakeCaseFields() {
        String id = TestServer.uniqueTaskId("create");

        Reply reply = t.post("/v1/tasks", "{\"id\": \"" + id + "\", \"name\": \"Expenses\", "
                + "\"labels\": [{\"name\": \"travel\", \"description\": \"trips\"}, \"meals\"], "
                + "\"settings\": {\"retrain_every\": 7}}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo("/v1/tasks/" + id);
        JsonNode task = reply.json();
        assertThat(task.path("id").asText()).isEqualTo(id);
        assertThat(task.path("name").asText()).isEqualTo("Expenses");
        assertThat(task.path("kind").asText()).isEqualTo("classification");
        assertThat(task.path("labels").get(0).path("description").asText()).isEqualTo("trips");
        assertThat(task.path("settings").path("retrain_every").asInt()).isEqualTo(7);
        assertThat(task.path("settings").path("hyperlocal_threshold").isNull()).as("chosen per trained model").isTrue();
        assertThat(task.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void listTasks_includesACreatedTask() {
        String id = t.createTask("list");

        Reply reply = t.get("/v1/tasks");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("tasks").findValuesAsText("id")).contains(id);
    }

    @Test
    void getTask_returnsIt() {
        String id = t.createTask("get");

        Reply reply = t.get("/v1/tasks/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("labels").findValuesAsText("name")).containsExactly("travel", "meals", "software");
    }

    @Test
    void replaceLabels_replacesTheTaxonomy() {
        String id = t.createTask("labels");

        Reply reply = t.method("PUT", "/v1/tasks/" + id + "/labels",
                "{\"labels\": [\"travel\", \"meals\", \"software\", {\"name\": \"office\", \"description\": \"paper\"}]}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("labels").findValuesAsText("name")).containsExactly("travel", "meals", "software", "office");
    }

    @Test
    void replaceLabels_withNoLabels_returns400() {
        String id = t.createTask("no-labels");

        Reply reply = t.method("PUT", "/v1/tasks/" + id + "/labels", "{\"labels\": []}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("at least one label");
    }

    @Test
    void patchSettings_changesOnlyTheGivenField() {
        String id = t.createTask("settings");

        Reply reply = t.method("PATCH", "/v1/tasks/" + id + "/settings", "{\"hyperlocal_threshold\": 0.8}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("settings").path("hyperlocal_threshold").asDouble()).isEqualTo(0.8);
        assertThat(reply.json().path("settings").path("retrain_every").asInt()).isEqualTo(50);
        assertThat(t.get("/v1/tasks/" + id).json().path("settings").path("hyperlocal_threshold").asDouble()).isEqualTo(0.8);
    }

    @Test
    void patchSettings_nullThreshold_goesBackToTheOneEachModelChooses() {
        String id = t.createTask("settings-null");
        t.method("PATCH", "/v1/tasks/" + id + "/settings", "{\"hyperlocal_threshold\": 0.8, \"retrain_every\": 5}");

        Reply reply = t.method("PATCH", "/v1/tasks/" + id + "/settings", "{\"hyperlocal_threshold\": null}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("settings").path("hyperlocal_threshold").isNull()).isTrue();
        assertThat(reply.json().path("settings").path("retrain_every").asInt()).isEqualTo(5);
    }

    @Test
    void patchSettings_thresholdAsText_returns400() {
        String id = t.createTask("settings-text");

        Reply reply = t.method("PATCH", "/v1/tasks/" + id + "/settings", "{\"hyperlocal_threshold\": \"high\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'hyperlocal_threshold'").contains("number from 0 to 1");
    }

    @Test
    void patchSettings_negativeRetrainEvery_returns400() {
        String id = t.createTask("bad-settings");

        Reply reply = t.method("PATCH", "/v1/tasks/" + id + "/settings", "{\"retrain_every\": -1}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("retrain_every");
    }

    @Test
    void createTask_invalidId_returns400ExplainingTheRule() {
        Reply reply = t.post("/v1/tasks", "{\"id\": \"Has Spaces\", \"labels\": [\"a\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_task_id");
    }
}
