package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.server.TestServer.Reply;
import org.junit.jupiter.api.Test;

class ReviewAndStatsRoutesTest {
    private final TestServer t = TestServer.shared();

    @Test
    void stats_countExamplesPredictionsAndTheMemory() {
        String id = t.createTask("stats");
        t.post("/v1/tasks/" + id + "/examples", "{\"text\": \"flight to Lisbon\", \"label\": \"travel\"}");
        t.post("/v1/tasks/" + id + "/predict", "{\"text\": \"hotel in Porto\"}");

        Reply reply = t.get("/v1/tasks/" + id + "/stats");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("examples").asLong()).isEqualTo(1);
        assertThat(reply.json().path("indexed").asLong()).isEqualTo(1);
        assertThat(reply.json().path("predictions").asLong()).isEqualTo(1);
        assertThat(reply.json().path("open_reviews").asLong()).isZero();
        assertThat(reply.json().path("current_model").isNull()).isTrue();
    }

    @Test
    void reviewQueue_ofANewTask_isEmpty() {
        String id = t.createTask("review");

        Reply reply = t.get("/v1/tasks/" + id + "/review?status=all");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("items").size()).isZero();
    }

    @Test
    void reviewQueue_withAnUnknownStatus_returns400NamingTheChoices() {
        String id = t.createTask("review-status");

        Reply reply = t.get("/v1/tasks/" + id + "/review?status=pending");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'pending'").contains("open").contains("resolved");
    }

    @Test
    void unknownReviewItem_returns404() {
        assertThat(t.post("/v1/review/rv_nope/claim", "{}").status()).isEqualTo(404);
        assertThat(t.post("/v1/review/rv_nope/resolve", "{\"label\": \"travel\"}").status()).isEqualTo(404);
        assertThat(t.get("/v1/review/rv_nope").errorMessage()).contains("'rv_nope'");
    }
}
