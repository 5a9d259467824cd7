package dev.stratum.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists each task's operational design domain policy as versioned JSON documents: every change is a new version,
 * and the newest one is in force.
 */
public interface PolicyStore {
    /** A policy document as stored. */
    record StoredPolicy(String taskId, int version, String json, String author, Instant createdAt) {}

    /** Stores {@code json} as the task's next version and returns it. */
    StoredPolicy save(String taskId, String json, String author, Instant at);

    Optional<StoredPolicy> current(String taskId);

    /** Every version of the task's policy, newest first. */
    List<StoredPolicy> history(String taskId);
}
