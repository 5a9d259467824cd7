package dev.stratum.orchestration;

import dev.stratum.api.Prediction;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.lifecycle.ModelPolicy;
import dev.stratum.api.odd.OddRule;
import dev.stratum.lifecycle.OutOfDomainRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retraining triggers of a task's lifecycle policy besides {@code retrain_every}: a schedule ({@code
 * retrain_interval}), checked by {@link #onSchedule()}, and a rise of the out-of-domain share of its predictions
 * ({@code retrain_on_ood_rise} over {@code ood_window}), watched by {@link #onPrediction}. Both start a training only
 * when something was validated since the last one (a retraining on the same data would make the same model), and
 * the version it makes names the trigger and its figures in its provenance. The out-of-domain shares are kept in
 * memory: after a restart the baseline is measured again.
 */
final class RetrainTriggers {
    /** How often, in predictions, a risen share is checked against the store for new examples. */
    private static final int CHECK_EVERY = 10;

    private final TaskRegistry tasks;
    private final TrainingLoop training;
    private final Clock clock;
    private final boolean enabled;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** The out-of-domain share of one production version (or of the memory alone, before any). */
    private record Watch(String versionId, OutOfDomainRate rate, AtomicLong seen) {}

    /** @param enabled false when the engine does not train in the background, as {@code autoTrain} says */
    RetrainTriggers(TaskRegistry tasks, TrainingLoop training, Clock clock, boolean enabled) {
        this.tasks = tasks;
        this.training = training;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Records a prediction of the production version; starts a training when the out-of-domain share has risen. */
    void onPrediction(TaskRuntime runtime, Prediction prediction) {
        ModelPolicy policy = ModelLifecycle.policyOf(runtime);
        if (!enabled || policy.retrainOnOodRise() == 0 || runtime.task().kind() != TaskKind.CLASSIFICATION) {
            return;
        }
        String versionId = runtime.version() == null ? Cascade.MEMORY_ONLY : runtime.version().id();
        Watch watch = watches.compute(runtime.task().id(), (id, w) -> w != null && w.versionId().equals(versionId)
                && w.rate().window() == policy.oodWindow()
                ? w
                : new Watch(versionId, new OutOfDomainRate(policy.oodWindow()), new AtomicLong()));
        watch.rate().record(prediction.odd() != null && prediction.odd().rule() == OddRule.OUT_OF_DOMAIN);
        if (watch.seen().incrementAndGet() % CHECK_EVERY != 0) {
            return;
        }
        OutOfDomainRate.Rise rise = watch.rate().rise(policy.retrainOnOodRise());
        if (rise != null && rise.risen()) {
            training.startIfNewExamples(runtime.task().id(), "auto: out-of-domain rise: " + rise.describe());
        }
    }

    /**
     * Starts a training of each task whose schedule is due: its {@code retrain_interval} has passed since its last
     * training started (or since it was created, if it never trained) and something was validated since.
     */
    void onSchedule() {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        for (Task task : tasks.list()) {
            ModelPolicy policy = task.settings().lifecycle();
            Duration every = policy == null ? null : policy.retrainPeriod();
            if (every == null || task.kind() != TaskKind.CLASSIFICATION) {
                continue;
            }
            Instant last = training.lastTrainingStart(task.id());
            Instant since = last == null ? task.createdAt() : last;
            if (!now.isBefore(since.plus(every))) {
                training.startIfNewExamples(task.id(), "auto: schedule every " + every + ", last training "
                        + (last == null ? "never (task created " + since + ")" : "started " + since));
            }
        }
    }
}
