package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the loop, through HTTP only: the general layer answers a new task; feedback on the
 * training texts plus one training run make the hyperlocal layer answer most held-out texts, more accurately.
 */
class LoopEndToEndTest {
    /** Every fifth example of each label (in file order) is held out: deterministic and stratified. */
    private static final int HOLD_OUT_EVERY = 5;
    private final TestServer t = TestServer.shared();

    @Test
    void feedbackAndRetraining_makeTheHyperlocalLayerAnswerHeldOutTextsBetterThanTheGeneralLayer() throws IOException {
        String task = createDemoTask();
        List<Row> train = new ArrayList<>();
        List<Row> heldOut = new ArrayList<>();
        split(readDemoExamples(), train, heldOut);

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

    private List<JsonNode> predictAll(String task, List<Row> rows) {
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

    private static double accuracy(List<JsonNode> predictions, List<Row> rows) {
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (predictions.get(i).path("label").asText().equals(rows.get(i).label())) {
                right++;
            }
        }
        return (double) right / rows.size();
    }

    private static void split(List<Row> rows, List<Row> train, List<Row> heldOut) {
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            int n = seen.merge(row.label(), 1, Integer::sum);
            (n % HOLD_OUT_EVERY == 0 ? heldOut : train).add(row);
        }
    }

    private static List<Row> readDemoExamples() throws IOException {
        String csv;
        try (InputStream in = DemoTask.examplesCsv()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> records = Csv.parse(csv);
        assertThat(records.get(0)).containsExactly("text", "label");
        List<Row> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            rows.add(new Row(record.get(0), record.get(1)));
        }
        assertThat(rows).hasSizeGreaterThan(200);
        return rows;
    }

    private record Row(String text, String label) {}

    /** Just enough RFC 4180 to read the demo file: quoted fields, doubled quotes, commas and newlines in quotes. */
    private static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    if (!(record.size() == 1 && record.get(0).isEmpty())) {
                        records.add(record);
                    }
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
