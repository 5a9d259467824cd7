package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the loop, through HTTP only: the general layer answers a new task; feedback on the
 * training texts plus one training run make the hyperlocal layer answer most held-out texts, more accurately.
 */
class LoopEndToEndTest {
    private final TestServer t = TestServer.shared();

    @Test
    void feedbackAndRetraining_makeTheHyperlocalLayerAnswerHeldOutTextsBetterThanTheGeneralLayer() throws IOException {
        String task = createDemoTask();
        List<DemoExamples.Row> train = new ArrayList<>();
        List<DemoExamples.Row> heldOut = new ArrayList<>();
        DemoExamples.split(DemoExamples.read(), train, heldOut);

        List<JsonNode> before = predictAll(task, heldOut);
        assertThat(before).allSatisfy(p -> assertThat(p.path("source").asText()).isEqualTo("general"));
        double generalAccuracy = accuracy(before, heldOut);

        List<JsonNode> trainingPredictions = predictAll(task, train);
        for (int i = 0; i < train.size(); i++) {
            giveFeedback(trainingPredictions.get(i), train.get(i).label());
        }
        assertThat(t.get("/v1/tasks/" + task + "/examples?limit=1").json().path("total").asInt()).isEqualTo(train.size());

        Reply run = t.post("/v1/tasks/" + task + "/train?wait=true", "");
        assertThat(run.status()).as("training: %s", run).isEqualTo(200);
        assertThat(run.json().path("status").asText()).isEqualTo("succeeded");

        List<JsonNode> after = predictAll(task, heldOut);
        long hyperlocal = after.stream().filter(p -> p.path("source").asText().equals("hyperlocal")).count();
        double afterAccuracy = accuracy(after, heldOut);
        String summary = String.format("held out %d of %d; general accuracy %.3f; after feedback and training %.3f "
                        + "with %d answered by the hyperlocal layer", heldOut.size(), heldOut.size() + train.size(),
                generalAccuracy, afterAccuracy, hyperlocal);
        System.out.println("[LoopEndToEndTest] " + summary);
        assertThat(hyperlocal).as(summary).isGreaterThan(heldOut.size() / 2L);
        assertThat(afterAccuracy).as(summary).isGreaterThan(generalAccuracy);
    }

    private String createDemoTask() throws IOException {
        ObjectNode spec;
        try (InputStream in = DemoTask.taxonomyJson()) {
            spec = (ObjectNode) TestServer.JSON.readTree(in);
        }
        String id = TestServer.uniqueTaskId("e2e-expenses");
        spec.put("id", id);
        // No background retraining: the test decides when the model trains, so the run is deterministic.
        spec.putObject("settings").put("retrain_every", 0);
        Reply created = t.post("/v1/tasks", spec);
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        assertThat(created.json().path("labels").size()).isGreaterThanOrEqualTo(10);
        return id;
    }

    private List<JsonNode> predictAll(String task, List<DemoExamples.Row> rows) {
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ServerConfig.DEFAULT_MAX_BATCH_TEXTS) {
            ObjectNode body = TestServer.JSON.createObjectNode();
            ArrayNode texts = body.putArray("texts");
            rows.subList(from, Math.min(rows.size(), from + ServerConfig.DEFAULT_MAX_BATCH_TEXTS))
                    .forEach(r -> texts.add(r.text()));
            Reply reply = t.post("/v1/tasks/" + task + "/predict/batch", body);
            assertThat(reply.status()).as("batch: %s", reply).isEqualTo(200);
            reply.json().path("predictions").forEach(out::add);
        }
        assertThat(out).hasSize(rows.size());
        return out;
    }

    private void giveFeedback(JsonNode prediction, String truth) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        if (prediction.path("label").asText().equals(truth)) {
            body.put("action", "accept");
        } else {
            body.put("action", "correct").put("label", truth);
        }
        Reply reply = t.post("/v1/predictions/" + prediction.path("id").asText() + "/feedback", body);
        assertThat(reply.status()).as("feedback: %s", reply).isEqualTo(200);
    }

    private static double accuracy(List<JsonNode> predictions, List<DemoExamples.Row> rows) {
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (predictions.get(i).path("label").asText().equals(rows.get(i).label())) {
                right++;
            }
        }
        return (double) right / rows.size();
    }
}
