package dev.stratum.api.store;

import dev.stratum.api.ModelVersion;
import java.util.List;
import java.util.Optional;

/** Persists trained model versions with their artifacts, and which one is current per task. */
public interface ModelStore {
    /** Stores a version and its artifact; when {@code version.current()} it becomes the task's only current one. */
    default void insert(ModelVersion version, byte[] artifact) {
        insert(version, artifact, null);
    }

    /**
     * Stores a version as above, with what its ODD checks need (a JSON document, or null), in the same transaction,
     * so that a current version is never without its calibration.
     */
    void insert(ModelVersion version, byte[] artifact, String calibration);

    /** The ODD calibration stored with the version, if any. */
    Optional<String> calibration(String versionId);

    /** A task's versions, newest first. */
    List<ModelVersion> list(String taskId);

    Optional<ModelVersion> find(String versionId);

    Optional<ModelVersion> current(String taskId);

    byte[] artifact(String versionId);

    /** Makes {@code versionId} the task's current version (and no other). */
    void setCurrent(String taskId, String versionId);
}
