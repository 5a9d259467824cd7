package dev.stratum.orchestration;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.models.EmbeddingClassifier;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.learning.training.HyperlocalTraining.OddArtifacts;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.odd.OddGuard;
import dev.stratum.odd.uncertainty.Uncertainty;

/**
 * An immutable snapshot of what serves one task: its definition, the general layer's zero-shot classifier over its
 * labels, the hyperlocal model (the head of the current version, null until the first training, blended with the
 * memory's vote), the confidence from which the hyperlocal model answers, and the task's ODD policy with the guard
 * that enforces it. Replaced whole when any part changes, so a prediction always sees one consistent state.
 *
 * @param routingThreshold the threshold the current version chose by cross-validation, used unless the task's
 *     settings fix one
 * @param policy the task's ODD policy, or null when it has none (then nothing is checked)
 * @param odd what the current version measured for the ODD checks and its ensemble, or null (no version, or one
 *     trained before calibrations were stored)
 * @param guard checks predictions against {@code policy}; null when {@code policy} is, and for generation tasks,
 *     whose outputs {@link Generations} checks
 * @param trial the version in shadow or canary beside the production one, or null
 */
record TaskRuntime(
        Task task, EmbeddingClassifier general, HyperlocalModel hyperlocal, ModelVersion version,
        double routingThreshold, OddPolicy policy, OddArtifacts odd, OddGuard guard, Trial trial) {
    /** The threshold of a memory without a trained model, or of a model too small to choose its own. */
    static final double FALLBACK_THRESHOLD = 0.5;
    static final String ROUTING_THRESHOLD = "routing_threshold";

    static TaskRuntime of(Task task, EmbeddingClassifier general, TrainedHead head, ModelVersion version,
            OddPolicy policy, OddArtifacts odd) {
        double threshold = version == null
                ? FALLBACK_THRESHOLD
                : version.metrics().getOrDefault(ROUTING_THRESHOLD, FALLBACK_THRESHOLD);
        if (task.kind() == TaskKind.GENERATION) {
            // A generation task has no classifier: the language model generates, its memory gives few-shot examples.
            return new TaskRuntime(task, null, null, null, FALLBACK_THRESHOLD, policy, null, null, null);
        }
        // The cascade looks up the memory and passes the neighbours in; the model needs no lookup of its own.
        return new TaskRuntime(task, general, HyperlocalModel.create(task.labelNames(), head, NeighbourLookup.NONE),
                version, threshold, policy, odd,
                policy == null ? null : OddGuard.create(policy, odd == null ? null : odd.calibration(),
                        task.labelNames()), null);
    }

    TrainedHead head() {
        return hyperlocal == null ? null : hyperlocal.head().orElse(null);
    }

    /** The confidence from which the hyperlocal layer answers: the task's setting, else the model's own choice. */
    double threshold() {
        Double fixed = task.settings().hyperlocalThreshold();
        return fixed != null ? fixed : routingThreshold;
    }

    /** This task served by another version (the trial, if any, is dropped; see {@link #withTrial}). */
    TaskRuntime withHead(TrainedHead newHead, ModelVersion newVersion, OddArtifacts newOdd) {
        return of(task, general, newHead, newVersion, policy, newOdd);
    }

    TaskRuntime withTask(Task newTask) {
        return of(newTask, general, head(), version, policy, odd)
                .withTrial(trial == null ? null : trial.withRuntime(trial.runtime().withTask(newTask)));
    }

    TaskRuntime withPolicy(OddPolicy newPolicy) {
        return of(task, general, head(), version, newPolicy, odd)
                .withTrial(trial == null ? null : trial.withRuntime(trial.runtime().withPolicy(newPolicy)));
    }

    TaskRuntime withRoutingThreshold(double value) {
        return new TaskRuntime(task, general, hyperlocal, version, value, policy, odd, guard, trial);
    }

    /** The same model, its version record replaced (after a change of its state). */
    TaskRuntime withVersion(ModelVersion value) {
        return new TaskRuntime(task, general, hyperlocal, value, routingThreshold, policy, odd, guard, trial);
    }

    TaskRuntime withTrial(Trial value) {
        return new TaskRuntime(task, general, hyperlocal, version, routingThreshold, policy, odd, guard, value);
    }

    /** The runtime that answers a request with this sticky key: the canary's for its share, else this one. */
    TaskRuntime answering(String stickyKey) {
        return trial != null && trial.router() != null && trial.router().routesToCanary(stickyKey)
                ? trial.runtime()
                : this;
    }

    /** The ensemble's disagreement about {@code embedding}, or null without an ensemble. */
    Uncertainty ensembleUncertainty(float[] embedding) {
        return odd == null || odd.ensemble() == null ? null : odd.ensemble().uncertainty(embedding);
    }
}
