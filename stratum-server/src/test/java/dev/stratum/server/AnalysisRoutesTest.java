package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The error-analysis routes over HTTP: shapes, progress, the two actions and the errors a client can make. */
class AnalysisRoutesTest {
    private static final String PLANTED = "Flight to Berlin for the sales kickoff";
    private final TestServer t = TestServer.shared();

    /** A task with 10 clear examples per label, and one flight labelled meals. */
    private String seededTask() {
        String task = t.createTask("analysis");
        StringBuilder csv = new StringBuilder("text,label\n");
        List<String> places = List.of("Paris", "Rome", "Oslo", "Madrid", "Vienna", "Lisbon", "Prague", "Dublin",
                "Athens", "Warsaw");
        for (String place : places) {
            csv.append("Hotel and train to ").append(place).append(" for the customer visit,travel\n");
            csv.append("Team lunch at a restaurant in ").append(place).append(",meals\n");
            csv.append("Cloud hosting subscription for the ").append(place).append(" office,software\n");
        }
        csv.append(PLANTED).append(",meals\n");
        Reply imported = t.postRaw("/v1/tasks/" + task + "/examples/import", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        return task;
    }

    private JsonNode readyLosses(String task, String query) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            Reply reply = t.get("/v1/tasks/" + task + "/analysis/losses" + query);
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.path("status").asText()).isIn("computing", "ready");
            assertThat(body.path("done").asInt()).isBetween(0, body.path("total").asInt());
            if (body.path("status").asText().equals("ready")) {
                return body;
            }
            assertThat(System.nanoTime()).as("the analysis of %s is ready within 5 minutes", task).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode item(JsonNode losses, String text) {
        for (JsonNode item : losses.path("items")) {
            if (item.path("text").asText().equals(text)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void losses_listThePlantedErrorFirst_andFixAndConfirmReachTheExamples() {
        String task = seededTask();

        JsonNode losses = readyLosses(task, "?limit=5");

        assertThat(losses.path("listed").asInt()).isEqualTo(31);
        assertThat(losses.path("items")).hasSize(5);
        JsonNode first = losses.path("items").get(0);
        assertThat(first.path("text").asText()).isEqualTo(PLANTED);
        assertThat(first.path("label").asText()).isEqualTo("meals");
        assertThat(first.path("suggested_label").asText()).isEqualTo("travel");
        assertThat(first.path("flagged").isBoolean()).isTrue();
        assertThat(first.path("loss").asDouble()).isGreaterThan(losses.path("items").get(4).path("loss").asDouble());
        assertThat(losses.path("model_version").isNull()).isTrue();
        assertThat(losses.path("data_fingerprint").asText()).hasSize(64);

        Reply fixed = t.post("/v1/tasks/" + task + "/analysis/examples/" + first.path("example_id").asLong() + "/fix",
                "{\"label\": \"travel\"}");
        assertThat(fixed.status()).as("%s", fixed).isEqualTo(200);
        assertThat(fixed.json().path("previous_label").asText()).isEqualTo("meals");
        assertThat(fixed.json().path("example").path("label").asText()).isEqualTo("travel");
        List<String> stored = new ArrayList<>();
        t.get("/v1/tasks/" + task + "/examples?limit=100").json().path("items")
                .forEach(e -> stored.add(e.path("text").asText() + " -> " + e.path("label").asText()));
        assertThat(stored).contains(PLANTED + " -> travel").doesNotContain(PLANTED + " -> meals");

        JsonNode second = readyLosses(task, "").path("items").get(0);
        Reply confirmed = t.post("/v1/tasks/" + task + "/analysis/examples/" + second.path("example_id").asLong()
                + "/confirm", "");
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertThat(confirmed.json().path("confirmed_by").asText()).isNotBlank();

        JsonNode after = readyLosses(task, "?limit=100");
        assertThat(after.path("listed").asInt()).isEqualTo(29);
        assertThat(item(after, PLANTED)).isNull();
        assertThat(item(after, second.path("text").asText())).isNull();
        JsonNode all = readyLosses(task, "?limit=100&include_confirmed=true");
        assertThat(item(all, second.path("text").asText()).path("confirmed").asBoolean()).isTrue();
    }

    @Test
    void confusionDuplicatesConfidentAndNewLabels_answerWithTheirShapes() {
        String task = seededTask();
        readyLosses(task, "");
        t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"Train to Paris for the customer visit\"}");

        JsonNode confusion = t.get("/v1/tasks/" + task + "/analysis/confusion?pairs=2").json();
        assertThat(confusion.path("labels")).hasSize(3);
        assertThat(confusion.path("counts")).hasSize(3);
        assertThat(confusion.path("status").asText()).isEqualTo("ready");
        JsonNode duplicates = t.get("/v1/tasks/" + task + "/analysis/duplicates").json();
        assertThat(duplicates.path("threshold").asDouble()).isEqualTo(0.985);
        assertThat(duplicates.path("pairs").isArray()).isTrue();
        JsonNode confident = t.get("/v1/tasks/" + task + "/analysis/confident?limit=1").json();
        assertThat(confident.path("items")).hasSize(1);
        assertThat(confident.path("items").get(0).path("words").size()).isGreaterThan(1);
        assertThat(confident.path("items").get(0).path("neighbours").size()).isEqualTo(5);
        JsonNode labels = t.get("/v1/tasks/" + task + "/analysis/new-labels").json();
        assertThat(labels.path("inputs").asInt()).isZero();
        assertThat(labels.path("message").asText()).contains("a group needs 3");
    }

    @Test
    void badRequests_sayWhatToFix() {
        String task = seededTask();
        String empty = t.createTask("analysis-empty");

        assertThat(t.send(t.unauthenticated("/v1/tasks/" + task + "/analysis/losses").GET()).status()).isEqualTo(401);
        Reply tooFew = t.get("/v1/tasks/" + empty + "/analysis/losses");
        assertThat(tooFew.status()).isEqualTo(409);
        assertThat(tooFew.errorCode()).isEqualTo("not_enough_examples");
        assertThat(t.get("/v1/tasks/nope/analysis/confusion").status()).isEqualTo(404);
        assertThat(t.get("/v1/tasks/" + task + "/analysis/losses?limit=0").errorCode())
                .isEqualTo("invalid_query_parameter");
        Reply notANumber = t.post("/v1/tasks/" + task + "/analysis/examples/abc/confirm", "");
        assertThat(notANumber.errorCode()).isEqualTo("invalid_example_id");
        Reply noLabel = t.post("/v1/tasks/" + task + "/analysis/examples/1/fix", "{}");
        assertThat(noLabel.errorCode()).isEqualTo("missing_field");
        long id = t.get("/v1/tasks/" + task + "/examples?limit=1").json().path("items").get(0).path("id").asLong();
        Reply unknownLabel = t.post("/v1/tasks/" + task + "/analysis/examples/" + id + "/fix", "{\"label\": \"trvel\"}");
        assertThat(unknownLabel.status()).isEqualTo(400);
        assertThat(unknownLabel.errorMessage()).contains("travel");
        Reply missing = t.post("/v1/tasks/" + task + "/analysis/examples/999999999/confirm", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("example_not_found");
    }
}
