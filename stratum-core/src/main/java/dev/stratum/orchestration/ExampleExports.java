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
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Store;
import dev.stratum.learning.errors.LabelErrorFinder;
import dev.stratum.learning.errors.LabelIssue;
import dev.stratum.learning.training.HyperlocalTraining;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports of a task's validated examples for fine-tuning elsewhere. A version's export holds exactly the examples it
 * was trained on, chosen as its training chose them (ids up to its {@code max_example_id}, outside the gate's
 * held-out share when it held one out), so its fingerprint is the one in the version's provenance unless examples
 * were deleted since. A curated export also leaves out the suspected label errors no person confirmed: the
 * {@link LabelErrorFinder}'s flagged examples, found by 5-fold cross-fitting of the head on the exported examples.
 */
final class ExampleExports {
    private static final JsonFactory JSON = new JsonFactory();
    /** Folds of the label-error search; the setting its benchmark measured ({@code stratum bench noise}). */
    private static final int FOLDS = 5;

    private final Store store;
    private final TaskRegistry tasks;
    private final Embeddings embeddings;
    private final HeadTrainer trainer;
    private final long seed;

    ExampleExports(Store store, TaskRegistry tasks, Embeddings embeddings, HeadTrainer trainer, long seed) {
        this.store = store;
        this.tasks = tasks;
        this.embeddings = embeddings;
        this.trainer = trainer;
        this.seed = seed;
    }

    ExampleExport export(String taskId, ExportFormat format, String versionId, boolean curated) {
        Task task = tasks.get(taskId).task();
        List<Example> examples = store.examples().all(taskId);
        if (versionId != null) {
            ModelVersion version = store.models().find(versionId).filter(v -> v.taskId().equals(taskId))
                    .orElseThrow(() -> new NotFoundException("model_version_not_found", "task '" + taskId
                            + "' has no model version '" + versionId + "'; list its versions with GET /v1/tasks/"
                            + taskId + "/models"));
            examples = trainingExamplesOf(version, examples);
        }
        int excluded = 0;
        if (curated && task.kind() == TaskKind.CLASSIFICATION) {
            List<Example> kept = withoutUnconfirmedSuspects(task, examples);
            excluded = examples.size() - kept.size();
            examples = kept;
        }
        return new Export(task, format, List.copyOf(examples), HyperlocalTraining.fingerprint(examples), versionId,
                excluded);
    }

    /** {@code examples} without the suspected label errors that no person confirmed. */
    private List<Example> withoutUnconfirmedSuspects(Task task, List<Example> examples) {
        if (examples.size() < 2 * FOLDS) {
            return examples; // too few to judge one example by the others
        }
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        TrainingSet set = new TrainingSet(examples.stream().map(e -> vectors.get(e.text())).toList(),
                examples.stream().map(Example::label).toList(), task.labelNames());
        Set<Long> confirmed = store.examples().confirmedIds(task.id());
        Set<Integer> suspects = new HashSet<>();
        for (LabelIssue issue : new LabelErrorFinder(trainer, null, FOLDS, 1, false).find(set, seed).flagged()) {
            if (!confirmed.contains(examples.get(issue.index()).id())) {
                suspects.add(issue.index());
            }
        }
        List<Example> kept = new ArrayList<>(examples.size() - suspects.size());
        for (int i = 0; i < examples.size(); i++) {
            if (!suspects.contains(i)) {
                kept.add(examples.get(i));
            }
        }
        return kept;
    }

    /** Marks an example's label as confirmed by a person. */
    void confirm(String taskId, long exampleId, String actor, Instant at) {
        tasks.get(taskId);
        if (!store.examples().confirm(taskId, exampleId, actor, at)) {
            throw new NotFoundException("example_not_found", "task '" + taskId + "' has no example " + exampleId
                    + "; list its examples with GET /v1/tasks/" + taskId + "/examples");
        }
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
            String modelVersion, int suspectsExcluded) implements ExampleExport {
        @Override
        public int count() {
            return examples.size();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (format == ExportFormat.CSV) {
                writeCsv(out);
                return;
            }
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

        private void writeCsv(OutputStream out) throws IOException {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.write("text,label\r\n");
            for (Example example : examples) {
                csv.write(quoted(example.text()) + "," + quoted(example.label()) + "\r\n");
            }
            csv.flush();
        }

        /** A CSV field, quoted with its quotes doubled (RFC 4180) whenever it holds a comma, quote or line break. */
        private static String quoted(String field) {
            boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
            return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
        }

        private static void message(JsonGenerator json, String role, String content) throws IOException {
            json.writeStartObject();
            json.writeStringField("role", role);
            json.writeStringField("content", content);
            json.writeEndObject();
        }
    }

    /**
     * The system message of an OpenAI chat fine-tuning line: what a model fine-tuned on the export was taught to
     * expect, so an externally fine-tuned model registered back is prompted with the same words.
     */
    static String systemMessage(Task task) {
        if (task.kind() == TaskKind.GENERATION) {
            return task.instructions() == null ? "Answer with the output as JSON." : task.instructions();
        }
        return "Classify the text into exactly one of these labels and answer with the label only: "
                + String.join(", ", task.labelNames());
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
