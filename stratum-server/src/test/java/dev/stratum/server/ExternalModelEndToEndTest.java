package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A model fine-tuned elsewhere, behind an OpenAI-compatible endpoint (a real HTTP server speaking the protocol, with
 * scripted answers), registered as a task's next hyperlocal version through HTTP: the gate judges it on the task's
 * held-out examples, it is promoted, predictions come from the endpoint, an answer outside the taxonomy is not
 * given out, and a rollback returns to the local model at once.
 */
class ExternalModelEndToEndTest {
    private static final String OUTSIDE = "Quarterly subscription for the design team";
    private final TestServer t = TestServer.shared();
    private final ScriptedOpenAiServer endpoint = ScriptedOpenAiServer.start();

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void anExternalModel_isGated_promoted_answersPredictions_andRollbackReturnsToTheLocalModel() throws Exception {
        List<DemoExamples.Row> rows = DemoExamples.read();
        Map<String, String> truth = new HashMap<>();
        rows.forEach(row -> truth.put(row.text(), row.label()));
        // A well fine-tuned model: it knows each text's label; asked about OUTSIDE it answers off the taxonomy.
        endpoint.otherwise(ScriptedOpenAiServer.Reply.answering(request -> {
            String text = request.message(-1);
            return text.equals(OUTSIDE) ? "software subscriptions" : truth.getOrDefault(text, "travel/lodging");
        }));
        String task = createDemoTask(rows);
        Reply v1Run = t.post("/v1/tasks/" + task + "/train?wait=true", "");
        assertThat(v1Run.json().path("status").asText()).as("%s", v1Run).isEqualTo("succeeded");
        String v1 = task + "-v1";

        Reply registered = t.post("/v1/tasks/" + task + "/models/external", TestServer.JSON.createObjectNode()
                .put("base_url", endpoint.baseUrl()).put("model", "ft:expenses").put("reason", "test"));

        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        JsonNode v2 = registered.json();
        String v2Id = v2.path("version").path("id").asText();
        assertThat(v2.path("version").path("kind").asText()).isEqualTo("openai_chat");
        assertThat(v2.path("gate").path("compared_with_production").asBoolean()).isTrue();
        int heldOut = v2.path("gate").path("n").asInt();
        assertThat(heldOut).isGreaterThan(50);
        assertThat(endpoint.requestCount()).as("the gate asked the endpoint about each held-out example")
                .isEqualTo(heldOut);
        assertThat(v2.path("gate").path("passed").asBoolean()).as("%s", v2.path("gate")).isTrue();
        assertThat(v2.path("version").path("state").asText()).isEqualTo("production");
        assertThat(v2.path("version").path("provenance").path("trigger").asText())
                .startsWith("registered by key: ").contains("ft:expenses at " + endpoint.baseUrl());
        ScriptedOpenAiServer.Received asked = endpoint.requests().get(0);
        assertThat(asked.model()).isEqualTo("ft:expenses");
        assertThat(asked.message(0)).startsWith("Classify the text into exactly one of these labels")
                .contains("travel/lodging", "meals/team");

        String text = rows.get(3).text();
        JsonNode p = predict(task, text);
        assertThat(p.path("model_version").asText()).isEqualTo(v2Id);
        assertThat(p.path("source").asText()).isEqualTo("hyperlocal");
        assertThat(p.path("label").asText()).isEqualTo(rows.get(3).label());
        assertThat(endpoint.requests().getLast().message(-1)).isEqualTo(text);

        JsonNode outside = predict(task, OUTSIDE);
        assertThat(outside.path("source").asText()).as("an answer off the taxonomy is not given out: %s", outside)
                .isEqualTo("general");
        assertThat(outside.path("label").asText()).isNotEqualTo("software subscriptions");

        Reply back = t.post("/v1/tasks/" + task + "/models/" + v1 + "/rollback", "{\"reason\": \"test\"}");
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        int asks = endpoint.requestCount();
        JsonNode local = predict(task, text);
        assertThat(local.path("model_version").asText()).isEqualTo(v1);
        assertThat(endpoint.requestCount()).as("the local model answers without the endpoint").isEqualTo(asks);
        assertThat(t.get("/v1/tasks/" + task + "/models/" + v2Id).json().path("version").path("state").asText())
                .isEqualTo("retired");
    }

    @Test
    void registering_withAKeyVariableTheServerLacks_isRefusedWithTheFix() throws IOException {
        String task = createDemoTask(List.of());
        Reply reply = t.post("/v1/tasks/" + task + "/models/external", TestServer.JSON.createObjectNode()
                .put("base_url", endpoint.baseUrl()).put("model", "ft:x").put("api_key_env", "STRATUM_TEST_NO_SUCH_KEY"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("code").asText()).isEqualTo("invalid_external_model");
        assertThat(reply.json().path("error").path("message").asText())
                .contains("STRATUM_TEST_NO_SUCH_KEY is not set on this server");
        assertThat(endpoint.requestCount()).isZero();
    }

    private JsonNode predict(String task, String text) {
        Reply reply = t.post("/v1/tasks/" + task + "/predict", TestServer.JSON.createObjectNode().put("text", text));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private String createDemoTask(List<DemoExamples.Row> rows) throws IOException {
        ObjectNode spec;
        try (InputStream in = DemoTask.taxonomyJson()) {
            spec = (ObjectNode) TestServer.JSON.readTree(in);
        }
        String id = TestServer.uniqueTaskId("external");
        spec.put("id", id);
        spec.putObject("settings").put("retrain_every", 0);
        assertThat(t.post("/v1/tasks", spec).status()).isEqualTo(201);
        StringBuilder jsonl = new StringBuilder();
        for (DemoExamples.Row row : rows) {
            jsonl.append(TestServer.JSON.createObjectNode().put("text", row.text()).put("label", row.label()))
                    .append('\n');
        }
        if (rows.isEmpty()) {
            return id;
        }
        Reply imported = t.postRaw("/v1/tasks/" + id + "/examples/import?format=jsonl", "application/octet-stream",
                jsonl.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as("import: %s", imported).isEqualTo(200);
        return id;
    }
}
