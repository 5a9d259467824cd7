package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The active-learning setting, the unlabelled import, the queue's ranking and a task's history over HTTP. */
class ActiveLearningRoutesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void settings_defaultToDiverseMarginInBatchesOf100() {
        String id = t.createTask("al-default");

        JsonNode settings = t.get("/v1/tasks/" + id).json().path("settings").path("active_learning");

        assertThat(settings.path("strategy").asText()).isEqualTo("diverse-margin");
        assertThat(settings.path("batch").asInt()).isEqualTo(100);
    }

    @Test
    void settings_withAnUnknownStrategyOrBatch_return400NamingTheFieldAndTheAllowedValues() {
        String id = t.createTask("al-bad");

        Reply strategy = t.method("PATCH", "/v1/tasks/" + id + "/settings",
                "{\"active_learning\": {\"strategy\": \"smartest\"}}");
        Reply batch = t.method("PATCH", "/v1/tasks/" + id + "/settings",
                "{\"active_learning\": {\"strategy\": \"margin\", \"batch\": 0}}");
        Reply create = t.post("/v1/tasks", "{\"id\": \"" + TestServer.uniqueTaskId("al-bad-create") + "\","
                + " \"labels\": [\"a\", \"b\"], \"settings\": {\"active_learning\": {\"strategy\": \"best\"}}}");

        assertThat(strategy.status()).isEqualTo(400);
        assertThat(strategy.errorMessage()).contains("active_learning.strategy 'smartest'")
                .contains("random, margin, entropy, bald, predicted-loss, diverse-margin");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.errorMessage()).contains("active_learning.batch").contains("got 0");
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.errorMessage()).contains("active_learning.strategy 'best'");
        Reply ok = t.method("PATCH", "/v1/tasks/" + id + "/settings",
                "{\"active_learning\": {\"strategy\": \"margin\", \"batch\": 20}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("settings").path("active_learning").path("strategy").asText()).isEqualTo("margin");
    }

    @Test
    void unlabelledImport_ofPlainLines_landsInThePool_andTheRankingQueuesItsTexts() throws Exception {
        String id = t.createTask("al-import");
        byte[] lines = "flight to Lisbon\nteam lunch downtown\n\ncloud hosting invoice\nflight to Lisbon\n"
                .getBytes(StandardCharsets.UTF_8);

        Reply imported = t.postRaw("/v1/tasks/" + id + "/examples/import?unlabelled=true", "text/plain", lines);
        Reply labelled = t.postRaw("/v1/tasks/" + id + "/examples/import", "text/plain", lines);

        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().path("imported").asLong()).isEqualTo(3);
        assertThat(imported.json().path("skipped").asLong()).isEqualTo(1);
        assertThat(labelled.status()).isEqualTo(400);
        assertThat(labelled.errorMessage()).contains("no labels").contains("unlabelled=true");
        assertThat(t.get("/v1/tasks/" + id + "/stats").json().path("examples").asLong()).isZero();

        Instant asked = Instant.now();
        Reply rank = t.post("/v1/tasks/" + id + "/review/rank", "");
        assertThat(rank.status()).isEqualTo(202);
        JsonNode ranking = awaitRanking(id, asked);
        assertThat(ranking.path("strategy").asText()).isEqualTo("cold-start");
        assertThat(ranking.path("pool").asInt()).isEqualTo(3);

        JsonNode items = t.get("/v1/tasks/" + id + "/review").json().path("items");
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path("text").asText()));
        assertThat(texts).containsExactlyInAnyOrder("flight to Lisbon", "team lunch downtown", "cloud hosting invoice");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            assertThat(item.path("origin").asText()).isEqualTo("import");
            assertThat(item.path("ranking").path("rank").asInt()).isEqualTo(i + 1);
            assertThat(item.path("ranking").path("strategy").asText()).isEqualTo("cold-start");
        }
        JsonNode resolved = t.post("/v1/review/" + items.get(0).path("id").asText() + "/resolve",
                "{\"label\": \"travel\"}").json();
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(t.get("/v1/tasks/" + id + "/stats").json().path("examples").asLong()).isEqualTo(1);
    }

    private JsonNode awaitRanking(String id, Instant asked) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = t.get("/v1/tasks/" + id + "/review/ranking").json();
            if (!r.path("pending").asBoolean() && !r.path("ranked_at").isNull()
                    && !Instant.parse(r.path("ranked_at").asText()).isBefore(asked)) {
                assertThat(r.path("error").isNull()).as("ranking error: %s", r).isTrue();
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ranking of " + id + " did not finish in time");
    }

    @Test
    void history_countsThisHoursPredictionsByLayer_andRefusesABadBucketNamingIt() {
        String id = t.createTask("al-history");
        t.post("/v1/tasks/" + id + "/predict", "{\"text\": \"taxi to the station\"}");
        t.post("/v1/tasks/" + id + "/predict", "{\"text\": \"lunch with the team\"}");

        Reply reply = t.get("/v1/tasks/" + id + "/stats/history?bucket=1h&buckets=3");
        Reply bad = t.get("/v1/tasks/" + id + "/stats/history?bucket=soon");
        Reply tooFine = t.get("/v1/tasks/" + id + "/stats/history?bucket=10s");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("bucket_seconds").asLong()).isEqualTo(3600);
        JsonNode buckets = reply.json().path("buckets");
        assertThat(buckets.size()).isBetween(1, 2);
        long predictions = 0;
        long general = 0;
        for (JsonNode b : buckets) {
            predictions += b.path("predictions").asLong();
            general += b.path("answered_by_layer").path("general").asLong();
            assertThat(b.path("accuracy").isNull()).as("no feedback yet").isTrue();
        }
        assertThat(predictions).isEqualTo(2);
        assertThat(general).isEqualTo(2);
        assertThat(reply.json().path("learning_curve").size()).isZero();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("bucket 'soon'");
        assertThat(tooFine.status()).isEqualTo(400);
        assertThat(tooFine.errorMessage()).contains("bucket must be at least 1 minute");
    }
}
