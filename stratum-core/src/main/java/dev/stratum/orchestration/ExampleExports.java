package dev.stratum.orchestration;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.store.Store;
import dev.stratum.learning.training.HyperlocalTraining;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Exports of a task's validated examples for fine-tuning elsewhere. A version's export holds exactly the examples it
 * was trained on, chosen as its training chose them (ids up to its {@code max_example_id}, outside the gate's
 * held-out share when it held one out), so its fingerprint is the one in the version's provenance unless examples
 * were deleted since.
 */
final class ExampleExports {
    private static final JsonFactory JSON = new JsonFactory();

    private final Store store;
    private final TaskRegistry tasks;

    ExampleExports(Store store, TaskRegistry tasks) {
        this.store = store;
        this.tasks = tasks;
    }

    ExampleExport export(String taskId, ExportFormat format, String versionId) {
        Task task = tasks.get(taskId).task();
        List<Example> examples = store.examples().all(taskId);
        if (versionId != null) {
            ModelVersion version = store.models().find(versionId).filter(v -> v.taskId().equals(taskId))
                    .orElseThrow(() -> new NotFoundException("model_version_not_found", "task '" + taskId
                            + "' has no model version '" + versionId + "'; list its versions with GET /v1/tasks/"
                            + taskId + "/models"));
            examples = trainingExamplesOf(version, examples);
        }
        return new Export(task, format, List.copyOf(examples), HyperlocalTraining.fingerprint(examples), versionId);
    }

    /** The examples {@code version}'s training used, among the task's {@code examples} as they are now. */
    static List<Example> trainingExamplesOf(ModelVersion version, List<Example> examples) {
        double upTo = version.metrics().getOrDefault(GateEvaluation.MAX_EXAMPLE_ID, Double.MAX_VALUE);
        double share = version.metrics().getOrDefault(GateEvaluation.HOLDOUT_METRIC, 0.0);
        return examples.stream()
                .filter(e -> e.id() <= upTo)
                .filter(e -> share == 0 || !GateEvaluation.heldOut(e.text(), share))
                .toList();
    }

    private record Export(Task task, ExportFormat format, List<Example> examples, String dataFingerprint,
            String modelVersion) implements ExampleExport {
        @Override
        public int count() {
            return examples.size();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            String system = systemMessage(task);
            for (Example example : examples) {
                try (JsonGenerator json = JSON.createGenerator(new NonClosing(out), JsonEncoding.UTF8)) {
                    json.writeStartObject();
                    if (format == ExportFormat.JSONL) {
                        json.writeStringField("text", example.text());
                        json.writeStringField("label", example.label());
                    } else {
                        json.writeArrayFieldStart("messages");
                        message(json, "system", system);
                        message(json, "user", example.text());
                        message(json, "assistant", example.label());
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
                out.write('\n');
            }
            out.flush();
        }

        private static void message(JsonGenerator json, String role, String content) throws IOException {
            json.writeStartObject();
            json.writeStringField("role", role);
            json.writeStringField("content", content);
            json.writeEndObject();
        }

        private static String systemMessage(Task task) {
            if (task.kind() == TaskKind.GENERATION) {
                return task.instructions() == null ? "Answer with the output as JSON." : task.instructions();
            }
            return "Classify the text into exactly one of these labels and answer with the label only: "
                    + String.join(", ", task.labelNames());
        }
    }

    /** Lets each line's generator close without closing the response. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
