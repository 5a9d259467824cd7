package dev.stratum.api.store;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.lifecycle.StateChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists trained model versions with their artifacts, their state and the history of its changes, and which one
 * is current (the production version) per task.
 */
public interface ModelStore {
    /** The actor a store names in the history when a caller changes states without saying who: {@link #setCurrent}. */
    String STORE_ACTOR = "store";

    /** Stores a version and its artifact; when {@code version.current()} it becomes the task's only current one. */
    default void insert(ModelVersion version, byte[] artifact) {
        insert(version, artifact, null, null);
    }

    /**
     * Stores a version as above, with what its ODD checks need (a JSON document, or null), in the same transaction,
     * so that a current version is never without its calibration.
     */
    default void insert(ModelVersion version, byte[] artifact, String calibration) {
        insert(version, artifact, calibration, null);
    }

    /**
     * Stores a version in its {@link ModelVersion#state()} with its artifact, calibration and evaluation gate report
     * (JSON documents, or null), in one transaction. A version registered in another state than candidate gets that
     * change in its history; a production version becomes the task's only current one and the one it replaces is
     * retired, also recorded.
     */
    void insert(ModelVersion version, byte[] artifact, String calibration, String gateReport);

    /** The ODD calibration stored with the version, if any. */
    Optional<String> calibration(String versionId);

    /** The evaluation gate's report stored with the version, if any. */
    Optional<String> gateReport(String versionId);

    /** A task's versions, newest first. */
    List<ModelVersion> list(String taskId);

    Optional<ModelVersion> find(String versionId);

    Optional<ModelVersion> current(String taskId);

    byte[] artifact(String versionId);

    /**
     * Makes {@code versionId} the task's current version (and no other): it becomes production and the version it
     * replaces is retired, each change recorded in the history with {@link #STORE_ACTOR} as actor.
     */
    void setCurrent(String taskId, String versionId);

    /**
     * Applies the changes in order, in one transaction: each is appended to its version's history and sets its state.
     * A change to production makes that version current; a change away from it leaves the task without a current
     * version until a later change in the list promotes one. So a promotion is "retire the old, promote the new" in
     * one call, and no reader ever sees two current versions or none in between. The transitions are checked by the
     * caller ({@link StateChange#next}); the store checks only that each version exists and is in the change's
     * {@code from} state, so that two concurrent callers cannot both move it.
     */
    void changeStates(List<StateChange> changes);

    /** A version's changes of state, oldest first. */
    List<StateChange> history(String versionId);

    /**
     * Saves a JSON document of what a version did on live traffic, replacing the one of the same {@code kind} saved
     * before: {@code shadow} or {@code canary} while it is on trial, {@code live} for production's accuracy on
     * feedback. Saved every few seconds and at shutdown, so that a restart continues where the process stopped.
     */
    void saveTrialStats(String versionId, String kind, String stats, Instant at);

    /** The document saved by {@link #saveTrialStats}, if any. */
    Optional<String> trialStats(String versionId, String kind);
}
