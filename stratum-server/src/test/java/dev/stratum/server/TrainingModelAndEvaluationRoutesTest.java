package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainingModelAndEvaluationRoutesTest {
    private static final String TRAINING_CSV = """
            text,label
            Taxi from the airport to the hotel,travel
            Train ticket Paris to Lyon,travel
            Hotel two nights in Berlin,travel
            Flight to New York economy,travel
            Team lunch at the Italian place,meals
            Coffee and croissants for the office,meals
            Dinner with a client,meals
            Pizza for the sprint review,meals
            Slack annual subscription,software
            AWS monthly invoice,software
            GitHub seats renewal,software
            Figma professional plan,software
            """;
    private final TestServer t = TestServer.shared();

    @Test
    void untrainedTask_hasNoRunAndNoCurrentModel() {
        String task = t.createTask("untrained");

        Reply run = t.get("/v1/tasks/" + task + "/train");
        Reply current = t.get("/v1/tasks/" + task + "/models/current");

        assertThat(run.status()).isEqualTo(404);
        assertThat(run.errorCode()).isEqualTo("no_training_run");
        assertThat(current.status()).isEqualTo(404);
        assertThat(current.errorMessage()).contains("/train");
        assertThat(t.get("/v1/tasks/" + task + "/models").json().path("models").size()).isZero();
    }

    @Test
    void trainAndWait_producesACurrentModelVersion() {
        String task = taskWithExamples("train");

        Reply run = t.post("/v1/tasks/" + task + "/train?wait=true", "");

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("status").asText()).isEqualTo("succeeded");
        String version = run.json().path("model_version_id").asText();
        assertThat(t.get("/v1/tasks/" + task + "/train").json().path("model_version_id").asText()).isEqualTo(version);
        JsonNode models = t.get("/v1/tasks/" + task + "/models").json().path("models");
        assertThat(models.size()).isEqualTo(1);
        JsonNode current = t.get("/v1/tasks/" + task + "/models/current").json();
        assertThat(current.path("id").asText()).isEqualTo(version);
        assertThat(current.path("current").asBoolean()).isTrue();
        assertThat(current.path("provenance").path("data_fingerprint").asText()).isNotBlank();
    }

    @Test
    void train_withoutWait_returns202() {
        String task = taskWithExamples("train-async");

        Reply run = t.post("/v1/tasks/" + task + "/train", "");

        assertThat(run.status()).isEqualTo(202);
        assertThat(run.json().path("task_id").asText()).isEqualTo(task);
    }

    @Test
    void evaluateFile_scoresTheUploadedRows() {
        String task = taskWithExamples("eval");
        String csv = "text,label\nUber to the station,travel\nSandwiches for the team,meals\nDatadog bill,software\n";

        Reply reply = t.postRaw("/v1/tasks/" + task + "/eval", "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("n").asInt()).isEqualTo(3);
        assertThat(reply.json().path("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(reply.json().path("answered_by").fieldNames()).toIterable()
                .allSatisfy(layer -> assertThat(layer).isIn("general", "specific", "hyperlocal"));
    }

    @Test
    void evaluateFile_withAQuoteNeverClosed_is400NamingTheLine() {
        String task = taskWithExamples("eval-broken");
        String csv = "text,label\nUber to the station,travel\n\"Sandwiches, for the team,meals\n";

        Reply reply = t.postRaw("/v1/tasks/" + task + "/eval", "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("unreadable_file");
        assertThat(reply.json().path("error").path("message").asText()).contains("line 3 is never closed");
    }

    @Test
    void evaluateHoldout_withoutBody_usesTheDefaults() {
        String task = taskWithExamples("holdout");

        Reply reply = t.postRaw("/v1/tasks/" + task + "/eval/holdout", null, new byte[0]);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("n").asInt()).isPositive();
    }

    @Test
    void evaluateHoldout_shareOutOfRange_returns400() {
        String task = taskWithExamples("holdout-bad");

        Reply reply = t.post("/v1/tasks/" + task + "/eval/holdout", "{\"share\": 1.5}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'share'");
    }

    private String taskWithExamples(String prefix) {
        String task = t.createTask(prefix);
        Reply imported = t.postRaw("/v1/tasks/" + task + "/examples/import", "text/csv",
                TRAINING_CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.json().path("imported").asLong()).isEqualTo(12);
        return task;
    }
}
