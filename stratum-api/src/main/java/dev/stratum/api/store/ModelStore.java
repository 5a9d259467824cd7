package dev.stratum.api.store;

import dev.stratum.api.ModelVersion;
import java.util.List;
import java.util.Optional;

/** Persists trained model versions with their artifacts, and which one is current per task. */
public interface ModelStore {
    /** Stores a version and its artifact; when {@code version.current()} it becomes the task's only current one. */
    void insert(ModelVersion version, byte[] artifact);

    /** A task's versions, newest first. */
    List<ModelVersion> list(String taskId);

    Optional<ModelVersion> find(String versionId);

    Optional<ModelVersion> current(String taskId);

    byte[] artifact(String versionId);

    /** Makes {@code versionId} the task's current version (and no other). */
    void setCurrent(String taskId, String versionId);
}
