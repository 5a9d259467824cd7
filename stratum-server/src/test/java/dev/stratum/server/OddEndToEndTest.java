package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the operational design domain, through HTTP only: a trained task with a policy answers an
 * input like its examples, refuses one from another domain, abstains on an ambiguous one with candidates and queues
 * it for review, and resolving the review item adds a validated example.
 */
class OddEndToEndTest {
    private final TestServer t = TestServer.shared();

    @Test
    void aTaskWithAPolicy_answersRefusesAndAbstains_andReviewAddsAnExample() throws IOException {
        String task = createDemoTask();
        List<DemoExamples.Row> train = new ArrayList<>();
        List<DemoExamples.Row> heldOut = new ArrayList<>();
        DemoExamples.split(DemoExamples.read(), train, heldOut);
        importExamples(task, train);
        Reply run = t.post("/v1/tasks/" + task + "/train?wait=true", "");
        assertThat(run.json().path("status").asText()).as("training: %s", run).isEqualTo("succeeded");
        Reply model = t.get("/v1/tasks/" + task + "/models");
        // The version learns and calibrates on the examples outside the evaluation gate's held-out share.
        JsonNode metrics = model.json().path("models").get(0).path("metrics");
        assertThat(metrics.path("odd_calibration_examples").asInt())
                .as("the version records its ODD calibration: %s", model).isEqualTo(metrics.path("examples").asInt());
        assertThat(metrics.path("examples").asInt() + metrics.path("gate_held_out_examples").asInt())
                .isEqualTo(train.size());
        System.out.println("[OddEndToEndTest] model metrics " + model.json().path("models").get(0).path("metrics"));

        assertThat(t.get("/v1/tasks/" + task + "/policy").status()).isEqualTo(404);
        Reply policy = t.method("PUT", "/v1/tasks/" + task + "/policy", "{\"confidence\": {\"coverage\": 0.8}}");
        assertThat(policy.status()).as("put policy: %s", policy).isEqualTo(200);
        assertThat(policy.json().path("version").asInt()).isEqualTo(1);
        assertThat(policy.json().path("input").path("in_domain_acceptance").asDouble()).isEqualTo(0.95);
        assertThat(t.get("/v1/tasks/" + task + "/policy").json()).isEqualTo(policy.json());

        DemoExamples.Row known = train.get(0);
        JsonNode answered = predict(task, known.text());
        assertThat(answered.path("odd").path("inside").asBoolean()).as("in domain: %s", answered).isTrue();
        assertThat(answered.path("label").asText()).isEqualTo(known.label());
        assertThat(answered.path("source").asText()).isEqualTo("hyperlocal");
        assertThat(answered.path("odd").path("evidence").fieldNames()).toIterable()
                .as("the ensemble's disagreement is measured per prediction")
                .contains("entropy", "margin", "mutual_information", "ood_score", "calibrated_confidence");

        JsonNode cooking = predict(task, "How long should I boil an egg so that the yolk stays soft?");
        assertThat(cooking.path("odd").path("inside").asBoolean()).as("cooking: %s", cooking).isFalse();
        assertThat(cooking.path("odd").path("rule").asText()).isEqualTo("out_of_domain");
        assertThat(cooking.path("odd").path("reason").asText()).contains("unlike this task's data");
        assertThat(cooking.path("label").isNull()).isTrue();

        JsonNode ambiguous = firstAbstention(task, heldOut);
        assertThat(ambiguous).as("no held-out text abstained for low confidence").isNotNull();
        JsonNode odd = ambiguous.path("odd");
        assertThat(odd.path("candidates").size()).isGreaterThanOrEqualTo(2);
        assertThat(odd.path("action").asText()).isEqualTo("review");
        assertThat(odd.path("reason").asText()).contains("plausible");

        String itemId = odd.path("review_item_id").asText();
        Reply item = t.get("/v1/review/" + itemId);
        assertThat(item.status()).as("review item: %s", item).isEqualTo(200);
        assertThat(item.json().path("text").asText()).isEqualTo(ambiguous.path("text").asText());
        assertThat(item.json().path("status").asText()).isEqualTo("open");
        assertThat(reviewQueueIds(task)).contains(itemId, cooking.path("odd").path("review_item_id").asText());

        int examplesBefore = examples(task);
        String truth = heldOut.stream().filter(r -> r.text().equals(ambiguous.path("text").asText())).findFirst()
                .orElseThrow().label();
        Reply resolved = t.post("/v1/review/" + itemId + "/resolve", "{\"label\": \"" + truth + "\"}");
        assertThat(resolved.status()).as("resolve: %s", resolved).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");
        assertThat(examples(task)).isEqualTo(examplesBefore + 1);
    }

    @Test
    void aPolicyOutsideItsLimits_isRefusedWithTheFieldNamed() throws IOException {
        String task = createDemoTask();
        Reply tooHigh = t.method("PUT", "/v1/tasks/" + task + "/policy", "{\"confidence\": {\"coverage\": 2}}");
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.json().path("error").path("code").asText()).isEqualTo("invalid_odd_policy");
        assertThat(tooHigh.json().path("error").path("message").asText()).contains("confidence.coverage");

        Reply unknownAction = t.method("PUT", "/v1/tasks/" + task + "/policy",
                "{\"input\": {\"on_out_of_domain\": \"ignore\"}}");
        assertThat(unknownAction.status()).isEqualTo(400);
        assertThat(unknownAction.json().path("error").path("message").asText()).contains("ignore");
        assertThat(t.get("/v1/tasks/" + task + "/policy").status()).isEqualTo(404);
    }

    private JsonNode firstAbstention(String task, List<DemoExamples.Row> rows) {
        for (DemoExamples.Row row : rows) {
            JsonNode p = predict(task, row.text());
            if (p.path("odd").path("rule").asText().equals("low_confidence")) {
                return p;
            }
        }
        return null;
    }

    private List<String> reviewQueueIds(String task) {
        List<String> ids = new ArrayList<>();
        t.get("/v1/tasks/" + task + "/review?limit=1000").json().path("items")
                .forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private int examples(String task) {
        return t.get("/v1/tasks/" + task + "/examples?limit=1").json().path("total").asInt();
    }

    private JsonNode predict(String task, String text) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("text", text);
        Reply reply = t.post("/v1/tasks/" + task + "/predict", body);
        assertThat(reply.status()).as("predict: %s", reply).isEqualTo(200);
        return reply.json();
    }

    private void importExamples(String task, List<DemoExamples.Row> rows) {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (DemoExamples.Row row : rows) {
            csv.append('"').append(row.text().replace("\"", "\"\"")).append("\",").append(row.label()).append('\n');
        }
        Reply reply = t.postRaw("/v1/tasks/" + task + "/examples/import", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as("import: %s", reply).isEqualTo(200);
        assertThat(reply.json().path("imported").asInt()).isEqualTo(rows.size());
    }

    private String createDemoTask() throws IOException {
        ObjectNode spec;
        try (InputStream in = DemoTask.taxonomyJson()) {
            spec = (ObjectNode) TestServer.JSON.readTree(in);
        }
        String id = TestServer.uniqueTaskId("odd-expenses");
        spec.put("id", id);
        spec.putObject("settings").put("retrain_every", 0);
        Reply created = t.post("/v1/tasks", spec);
        assertThat(created.status()).as("create: %s", created).isEqualTo(201);
        return id;
    }
}
