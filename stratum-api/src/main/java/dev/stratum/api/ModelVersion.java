package dev.stratum.api;

import dev.stratum.api.lifecycle.ModelState;
import java.time.Instant;
import java.util.Map;

/**
 * One trained hyperlocal model of a task.
 *
 * @param id globally unique, for example {@code expenses-v3}
 * @param version 1, 2, 3... per task
 * @param current whether this version serves the task's predictions now: it is the task's production version
 * @param metrics numbers measured at training time (held-out accuracy, training seconds...)
 * @param state where the version stands in its life; {@code current} exactly when it is {@code production}
 */
public record ModelVersion(
        String id,
        String taskId,
        int version,
        String kind,
        boolean current,
        Instant createdAt,
        Provenance provenance,
        Map<String, Double> metrics,
        ModelState state) {
    public ModelVersion {
        metrics = Map.copyOf(metrics);
        state = state == null ? (current ? ModelState.PRODUCTION : ModelState.CANDIDATE) : state;
        if (current != (state == ModelState.PRODUCTION)) {
            throw new IllegalArgumentException("model version " + id + " is " + state.wireName() + " but current is "
                    + current + "; only the production version is current");
        }
    }

    /** A version in production when {@code current}, else a candidate. */
    public ModelVersion(String id, String taskId, int version, String kind, boolean current, Instant createdAt,
            Provenance provenance, Map<String, Double> metrics) {
        this(id, taskId, version, kind, current, createdAt, provenance, metrics, null);
    }

    public ModelVersion withCurrent(boolean value) {
        return withState(value ? ModelState.PRODUCTION : ModelState.RETIRED);
    }

    public ModelVersion withState(ModelState value) {
        return new ModelVersion(id, taskId, version, kind, value == ModelState.PRODUCTION, createdAt, provenance,
                metrics, value);
    }
}
