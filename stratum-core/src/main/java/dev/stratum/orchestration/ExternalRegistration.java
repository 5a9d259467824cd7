package dev.stratum.orchestration;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Provenance;
import dev.stratum.api.TaskKind;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.lifecycle.GateConfig;
import dev.stratum.api.lifecycle.GateReport;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.store.Store;
import dev.stratum.learning.training.HyperlocalTraining;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a model fine-tuned elsewhere ({@link ExternalModel}) as a task's next hyperlocal version, the way a
 * training registers a candidate: it is judged by the evaluation gate against production on the task's held-out
 * examples (the same ones, by the same hash, as any candidate), stored with the report, and handed to the {@link
 * ModelLifecycle}, which moves it through shadow, canary and production by the task's policy. It takes the
 * production version's ODD calibration, so that the policy's input checks apply to it as they did before; it has no
 * probabilities of its own, so each answer counts as certain and only the taxonomy and the input rules stop it.
 */
final class ExternalRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalRegistration.class);

    private final Store store;
    private final TaskRegistry tasks;
    private final TrainingLoop training;
    private final Embeddings embeddings;
    private final Cascade cascade;
    private final ModelLifecycle lifecycle;
    private final ExternalModels externals;
    private final Clock clock;

    ExternalRegistration(Store store, TaskRegistry tasks, TrainingLoop training, Embeddings embeddings,
            Cascade cascade, ModelLifecycle lifecycle, ExternalModels externals, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.training = training;
        this.embeddings = embeddings;
        this.cascade = cascade;
        this.lifecycle = lifecycle;
        this.externals = externals;
        this.clock = clock;
    }

    ModelDetails register(String taskId, ExternalModel model, String actor) {
        if (tasks.get(taskId).task().kind() != TaskKind.CLASSIFICATION) {
            throw new ConflictException("not_a_classification_task", "task '" + taskId + "' generates; an external"
                    + " model can be registered only as the hyperlocal layer of a classification task");
        }
        externals.connect(model).close(); // refuses a bad URL, a host off the allow-list or a missing key at once
        String versionId = training.exclusively(taskId, () -> registerAndJudge(taskId, model, actor));
        return lifecycle.details(taskId, versionId);
    }

    private String registerAndJudge(String taskId, ExternalModel model, String actor) {
        TaskRuntime before = tasks.get(taskId);
        GateConfig gate = ModelLifecycle.policyOf(before).gate();
        List<Example> examples = store.examples().all(taskId);
        GateEvaluation.Split split = GateEvaluation.split(examples, gate);
        Map<String, float[]> vectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        int number = store.models().list(taskId).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("base_url", model.baseUrl());
        endpoint.put("model", model.model());
        if (model.apiKeyEnv() != null) {
            endpoint.put("api_key_env", model.apiKeyEnv());
        }
        String trigger = "registered by " + actor + ": fine-tuned elsewhere, " + model.model() + " at "
                + model.baseUrl() + (model.reason() == null ? "" : "; " + model.reason());
        // No training data of ours is known: the fingerprint is null and the example count 0. The held-out share is
        // recorded as the gate's, so that later candidates are compared with it on the held-out examples.
        Provenance provenance = new Provenance(null, 0, List.of(embeddings.modelId()), endpoint, 0,
                HyperlocalTraining.CODE_VERSION, trigger);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(GateEvaluation.MAX_EXAMPLE_ID, (double) examples.stream().mapToLong(Example::id).max().orElse(0));
        metrics.put(GateEvaluation.HOLDOUT_METRIC, split.share());
        metrics.put("gate_held_out_examples", (double) split.heldOut().size());
        ModelVersion version = new ModelVersion(taskId + "-v" + number, taskId, number, ExternalModel.KIND, false,
                clock.instant(), provenance, metrics, ModelState.CANDIDATE);
        externals.prepare(version.id(), model);
        TaskRuntime candidate = before.withTrial(null).withHead(null, version, before.odd());
        TaskRuntime production = before.version() == null || tasks.needsRetraining(taskId)
                ? null
                : before.withTrial(null);
        GateReport report = GateEvaluation.judge(gate, cascade, split, candidate, production, vectors);
        String calibration = production == null ? null : store.models().calibration(production.version().id())
                .orElse(null);
        store.models().insert(version, ExternalModels.artifact(model), calibration, GateReportJson.write(report));
        LOG.info("task '{}': registered external model {} as {}; gate {}", taskId, model.model(), version.id(),
                report.passed() ? "passed" : "refused: " + report.reasons().get(0));
        lifecycle.afterGate(taskId, version, candidate, report);
        return version.id();
    }
}
