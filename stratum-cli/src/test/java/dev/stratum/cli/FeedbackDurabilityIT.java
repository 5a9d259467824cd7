package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.store.postgres.RequiresPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of durability: feedback that the server acknowledged with a 2xx survives {@code kill -9} of the
 * server process, mid-stream, and is there after a restart on the same data directory (and the same database, on
 * PostgreSQL).
 */
class FeedbackDurabilityIT {
    private static final String ADMIN_KEY = "sk_durability_test_key_0123456789";
    private static final String TASK = "durability";
    private static final List<String> LABELS = List.of("travel", "meals", "software");
    private static final int PREDICTIONS = 300;
    private static final int ACKS_BEFORE_KILL = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Feedback the server acknowledged: what was sent, for a prediction. */
    record Acked(String predictionId, String action, String label) {}

    /** Starts a server on the data directory, logging to the file. */
    @FunctionalInterface
    interface Starter {
        ServerProcess start(Path dataDir, Path log) throws IOException, InterruptedException;
    }

    @Test
    void acknowledgedFeedback_survivesKill9MidStream(@TempDir Path tmp) throws Exception {
        killMidStreamAndRestart(tmp, (data, log) -> ServerProcess.start(data, ADMIN_KEY, log));
    }

    /** The same on PostgreSQL: a 2xx means the transaction is committed, and a killed replica loses nothing. */
    @Test
    @RequiresPostgres
    void acknowledgedFeedback_onPostgres_survivesKill9MidStream(@TempDir Path tmp) throws Exception {
        try (PostgresSchema db = PostgresSchema.create()) {
            killMidStreamAndRestart(tmp, (data, log) -> ServerProcess.start(data, ADMIN_KEY, log, db.environment(),
                    List.of()));
        }
    }

    private void killMidStreamAndRestart(Path tmp, Starter starter) throws Exception {
        Path data = tmp.resolve("data");
        List<JsonNode> predictions;
        ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        try (ServerProcess server = starter.start(data, tmp.resolve("first.log"))) {
            createTask(server);
            predictions = predictAll(server);

            CountDownLatch enoughAcked = new CountDownLatch(ACKS_BEFORE_KILL);
            AtomicInteger sent = new AtomicInteger();
            Thread feeder = Thread.ofPlatform().name("feedback-stream").start(
                    () -> streamFeedback(server, predictions, acked, enoughAcked, sent));
            assertThat(enoughAcked.await(120, TimeUnit.SECONDS))
                    .as("%d feedbacks acknowledged within 120 s; log:%n%s", acked.size(), server.log()).isTrue();

            assertThat(server.kill9()).as("exit status of a process killed by SIGKILL (128 + 9)").isEqualTo(137);
            feeder.join(Duration.ofSeconds(60));
            assertThat(feeder.isAlive()).as("feedback stream ended once the server was gone").isFalse();
            assertThat(sent.get()).as("the kill landed mid-stream").isLessThan(PREDICTIONS);
            System.out.printf("SIGKILL after %d feedbacks were sent, %d of them acknowledged%n", sent.get(),
                    acked.size());
        }

        try (ServerProcess restarted = starter.start(data, tmp.resolve("second.log"))) {
            for (Acked a : acked) {
                JsonNode feedback = getJson(restarted, "/v1/predictions/" + a.predictionId()).path("feedback");
                assertThat(feedback.path("action").asText()).as("feedback on %s after restart", a.predictionId())
                        .isEqualTo(a.action());
                if (!a.action().equals("reject")) {
                    assertThat(feedback.path("label").asText()).isEqualTo(a.label());
                }
            }
            long validated = acked.stream().filter(a -> !a.action().equals("reject")).count();
            long examples = getJson(restarted, "/v1/tasks/" + TASK + "/examples?limit=1").path("total").asLong();
            assertThat(examples).as("examples after restart").isGreaterThanOrEqualTo(validated);
        }
    }

    private void createTask(ServerProcess server) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("id", TASK);
        for (String label : LABELS) {
            body.withArray("labels").addObject().put("name", label).put("description", "Expenses for " + label + ".");
        }
        HttpResponse<String> response = send(server, "POST", "/v1/tasks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private List<JsonNode> predictAll(ServerProcess server) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        String[] subjects = {"taxi to the airport", "team lunch", "design tool renewal", "hotel two nights",
            "client dinner", "cloud hosting bill"};
        for (int i = 0; i < PREDICTIONS; i++) {
            body.withArray("texts").add("expense " + i + ": " + subjects[i % subjects.length]);
        }
        HttpResponse<String> response = send(server, "POST", "/v1/tasks/" + TASK + "/predict/batch", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> predictions = new ArrayList<>();
        JSON.readTree(response.body()).path("predictions").forEach(predictions::add);
        assertThat(predictions).hasSize(PREDICTIONS);
        return predictions;
    }

    /** Sends accept, correct and reject in turn, one request at a time, until the server stops answering. */
    private void streamFeedback(ServerProcess server, List<JsonNode> predictions, ConcurrentLinkedQueue<Acked> acked,
            CountDownLatch enoughAcked, AtomicInteger sent) {
        for (int i = 0; i < predictions.size(); i++) {
            JsonNode prediction = predictions.get(i);
            String predicted = prediction.path("label").asText();
            String action = switch (i % 3) {
                case 0 -> "accept";
                case 1 -> "correct";
                default -> "reject";
            };
            String label = switch (action) {
                case "accept" -> predicted;
                case "correct" -> LABELS.get((LABELS.indexOf(predicted) + 1) % LABELS.size());
                default -> null;
            };
            ObjectNode body = JSON.createObjectNode().put("action", action);
            if (action.equals("correct")) {
                body.put("label", label);
            }
            String id = prediction.path("id").asText();
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = send(server, "POST", "/v1/predictions/" + id + "/feedback", body);
                if (response.statusCode() / 100 == 2) {
                    acked.add(new Acked(id, action, label));
                    enoughAcked.countDown();
                }
            } catch (IOException serverGone) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JsonNode getJson(ServerProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(server, "GET", path, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(ServerProcess server, String method, String path, JsonNode body)
            throws IOException, InterruptedException {
        URI uri = server.uri(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
