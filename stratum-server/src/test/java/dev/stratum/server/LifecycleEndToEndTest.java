package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the model lifecycle (issue 6), through HTTP only, on the demo task's data: feedback
 * arrives and a candidate is trained automatically, passes the gate, runs in shadow and is promoted; a candidate
 * trained on labels of which 20% were flipped is refused by the gate with a report that says why; a rollback takes
 * effect on the next prediction.
 */
class LifecycleEndToEndTest {
    private static final int SHADOW_PREDICTIONS = 40;
    private final TestServer t = TestServer.shared();

    @Test
    void feedbackTrainsACandidate_thatPassesTheGate_shadows_isPromoted_thenACorruptedOneIsRefused_andRollbackWorks()
            throws Exception {
        List<DemoExamples.Row> rows = DemoExamples.read();
        List<DemoExamples.Row> first = new ArrayList<>();
        List<DemoExamples.Row> later = new ArrayList<>();
        DemoExamples.split(rows, later, first); // a fifth of each label first, the rest arrives as feedback
        String task = createDemoTask();
        importRows(task, first);
        Reply v1Run = t.post("/v1/tasks/" + task + "/train?wait=true", "");
        assertThat(v1Run.json().path("status").asText()).as("%s", v1Run).isEqualTo("succeeded");
        JsonNode v1 = model(task, task + "-v1");
        assertThat(v1.path("version").path("state").asText()).isEqualTo("production");
        assertThat(v1.path("gate").path("passed").asBoolean()).isTrue();
        assertThat(v1.path("gate").path("compared_with_production").asBoolean()).isFalse();

        // Feedback on the rest: the last item reaches retrain_every and starts a training in the background.
        settings(task, later.size(), "{\"shadow_predictions\": " + SHADOW_PREDICTIONS + "}");
        for (DemoExamples.Row row : later) {
            JsonNode prediction = t.post("/v1/tasks/" + task + "/predict", TestServer.JSON.createObjectNode()
                    .put("text", row.text())).json();
            feedback(prediction, row.label());
        }
        JsonNode run = awaitTraining(task);
        assertThat(run.path("status").asText()).as("%s", run).isEqualTo("succeeded");
        assertThat(run.path("trigger").asText()).startsWith("auto:");
        String v2Id = run.path("model_version_id").asText();
        JsonNode v2 = model(task, v2Id);
        assertThat(v2.path("gate").path("passed").asBoolean()).as("%s", v2.path("gate")).isTrue();
        assertThat(v2.path("gate").path("compared_with_production").asBoolean()).isTrue();
        assertThat(v2.path("gate").path("n").asInt()).isGreaterThan(50);
        assertThat(v2.path("version").path("state").asText()).isEqualTo("shadow");

        // In shadow it predicts beside production without answering; after enough predictions it is promoted.
        for (int i = 0; i < SHADOW_PREDICTIONS; i++) {
            JsonNode p = t.post("/v1/tasks/" + task + "/predict", TestServer.JSON.createObjectNode()
                    .put("text", rows.get(i).text())).json();
            assertThat(p.path("model_version").asText()).isNotEqualTo(v2Id);
        }
        v2 = model(task, v2Id);
        assertThat(v2.path("version").path("state").asText()).as("%s", v2).isEqualTo("production");
        assertThat(v2.path("history")).extracting(c -> c.path("to").asText())
                .containsExactly("shadow", "production");
        assertThat(v2.path("history").get(1).path("reason").asText()).contains("in shadow on " + SHADOW_PREDICTIONS);
        assertThat(model(task, task + "-v1").path("version").path("state").asText()).isEqualTo("retired");
        assertThat(t.get("/v1/tasks/" + task + "/models/current").json().path("id").asText()).isEqualTo(v2Id);

        // A fifth of the examples it trains on get a wrong label (the gate's held-out examples stay as people
        // validated them); the candidate trained on them is refused, with the reasons.
        corruptLabels(task, 0.2, new Random(7));
        Reply v3Run = t.post("/v1/tasks/" + task + "/train?wait=true", "");
        String v3Id = v3Run.json().path("model_version_id").asText();
        JsonNode v3 = model(task, v3Id);
        System.out.println("[LifecycleEndToEndTest] corrupted candidate's gate: " + v3.path("gate"));
        assertThat(v3.path("gate").path("passed").asBoolean()).as("%s", v3.path("gate")).isFalse();
        assertThat(v3.path("gate").path("reasons").get(0).asText()).containsAnyOf("significantly worse", "recall of");
        assertThat(v3.path("version").path("state").asText()).isEqualTo("retired");
        assertThat(v3.path("history").get(0).path("reason").asText()).startsWith("refused by the evaluation gate");
        assertThat(t.get("/v1/tasks/" + task + "/models/current").json().path("id").asText()).isEqualTo(v2Id);

        // A rollback to v1 serves from the very next prediction.
        String text = later.get(0).text();
        assertThat(predictedVersion(task, text)).isEqualTo(v2Id);
        Reply rollback = t.post("/v1/tasks/" + task + "/models/" + task + "-v1/rollback",
                "{\"reason\": \"back to the first version\"}");
        assertThat(rollback.status()).as("%s", rollback).isEqualTo(200);
        assertThat(predictedVersion(task, text)).isEqualTo(task + "-v1");
        JsonNode history = rollback.json().path("history");
        assertThat(history.get(history.size() - 1).path("reason").asText()).isEqualTo("back to the first version");
        assertThat(history.get(history.size() - 1).path("actor").asText()).startsWith("key: ");
        assertThat(model(task, v2Id).path("version").path("state").asText()).isEqualTo("retired");

        // A refused candidate never served, so there is nothing to roll back to.
        Reply refused = t.post("/v1/tasks/" + task + "/models/" + v3Id + "/rollback", "");
        assertThat(refused.status()).isEqualTo(409);
    }

    private String predictedVersion(String task, String text) {
        JsonNode p = t.post("/v1/tasks/" + task + "/predict", TestServer.JSON.createObjectNode().put("text", text))
                .json();
        assertThat(p.path("source").asText()).as("%s", p).isEqualTo("hyperlocal");
        return p.path("model_version").asText();
    }

    private String createDemoTask() throws IOException {
        ObjectNode spec;
        try (InputStream in = DemoTask.taxonomyJson()) {
            spec = (ObjectNode) TestServer.JSON.readTree(in);
        }
        String id = TestServer.uniqueTaskId("lifecycle");
        spec.put("id", id);
        spec.putObject("settings").put("retrain_every", 0);
        Reply created = t.post("/v1/tasks", spec);
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        return id;
    }

    private void settings(String task, int retrainEvery, String lifecycle) {
        Reply reply = t.method("PATCH", "/v1/tasks/" + task + "/settings", "{\"hyperlocal_threshold\": null,"
                + " \"retrain_every\": " + retrainEvery + ", \"lifecycle\": " + lifecycle + "}");
        assertThat(reply.status()).as("settings: %s", reply).isEqualTo(200);
    }

    private void importRows(String task, List<DemoExamples.Row> rows) {
        StringBuilder jsonl = new StringBuilder();
        for (DemoExamples.Row row : rows) {
            jsonl.append(TestServer.JSON.createObjectNode().put("text", row.text()).put("label", row.label()))
                    .append('\n');
        }
        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import?format=jsonl", "application/octet-stream",
                jsonl.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as("import: %s", reply).isEqualTo(200);
        assertThat(reply.json().path("imported").asInt()).isEqualTo(rows.size());
    }

    private void feedback(JsonNode prediction, String truth) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        if (prediction.path("label").asText().equals(truth)) {
            body.put("action", "accept");
        } else {
            body.put("action", "correct").put("label", truth);
        }
        Reply reply = t.post("/v1/predictions/" + prediction.path("id").asText() + "/feedback", body);
        assertThat(reply.status()).as("feedback: %s", reply).isEqualTo(200);
    }

    /**
     * Replaces a random share of the task's training examples by the same text with another label. The examples the
     * gate holds out (the documented rule: the first 4 bytes of the text's SHA-256, as a fraction of 2^32, below 0.2)
     * are left alone, so the corruption is in what the candidate learns, not in what it is judged on.
     */
    private void corruptLabels(String task, double share, Random random) {
        List<String> labels = new ArrayList<>();
        t.get("/v1/tasks/" + task).json().path("labels").forEach(l -> labels.add(l.path("name").asText()));
        List<JsonNode> examples = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = t.get("/v1/tasks/" + task + "/examples?offset=" + offset + "&limit=1000").json();
            page.path("items").forEach(examples::add);
            if (examples.size() >= page.path("total").asInt() || page.path("items").isEmpty()) {
                break;
            }
        }
        int flipped = 0;
        examples.removeIf(example -> heldOutByTheGate(example.path("text").asText()));
        for (JsonNode example : examples) {
            if (random.nextDouble() >= share) {
                continue;
            }
            String label = example.path("label").asText();
            String wrong;
            do {
                wrong = labels.get(random.nextInt(labels.size()));
            } while (wrong.equals(label));
            assertThat(t.method("DELETE", "/v1/tasks/" + task + "/examples/" + example.path("id").asLong(), null)
                    .status()).isEqualTo(204);
            Reply added = t.post("/v1/tasks/" + task + "/examples", TestServer.JSON.createObjectNode()
                    .put("text", example.path("text").asText()).put("label", wrong));
            assertThat(added.status()).as("%s", added).isEqualTo(201);
            flipped++;
        }
        assertThat(flipped).isBetween((int) (examples.size() * share * 0.8), (int) (examples.size() * share * 1.2));
    }

    private static boolean heldOutByTheGate(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long first = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8)
                    | (hash[3] & 0xffL);
            return first < 0.2 * (1L << 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode model(String task, String version) {
        Reply reply = t.get("/v1/tasks/" + task + "/models/" + version);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    /** Waits for the background training the feedback started: it trains a few hundred examples in seconds. */
    private JsonNode awaitTraining(String task) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode run = t.get("/v1/tasks/" + task + "/train").json();
        while (run.path("status").asText().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            run = t.get("/v1/tasks/" + task + "/train").json();
        }
        return run;
    }
}
