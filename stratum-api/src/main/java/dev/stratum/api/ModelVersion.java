package dev.stratum.api;

import java.time.Instant;
import java.util.Map;

/**
 * One trained hyperlocal model of a task.
 *
 * @param id globally unique, for example {@code expenses-v3}
 * @param version 1, 2, 3... per task
 * @param current whether this version serves the task's predictions now
 * @param metrics numbers measured at training time (held-out accuracy, training seconds...)
 */
public record ModelVersion(
        String id,
        String taskId,
        int version,
        String kind,
        boolean current,
        Instant createdAt,
        Provenance provenance,
        Map<String, Double> metrics) {
    public ModelVersion {
        metrics = Map.copyOf(metrics);
    }

    public ModelVersion withCurrent(boolean value) {
        return new ModelVersion(id, taskId, version, kind, value, createdAt, provenance, metrics);
    }
}
