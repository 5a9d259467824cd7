package dev.stratum.api.store;

import dev.stratum.api.Example;
import dev.stratum.api.ExamplePage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Persists a task's validated examples. */
public interface ExampleStore {
    /** Stores all examples in one transaction and returns them with their assigned ids, in order. */
    List<Example> insertAll(List<Example> examples);

    Optional<Example> find(String taskId, long id);

    ExamplePage page(String taskId, int offset, int limit);

    /** All examples of a task, oldest first. */
    List<Example> all(String taskId);

    /** Returns whether an example was deleted. */
    boolean delete(String taskId, long id);

    long count(String taskId);

    /** How many examples of the task have an id greater than {@code exampleId}. */
    long countAfter(String taskId, long exampleId);

    /** The largest example id of the task, 0 when it has none. */
    long maxId(String taskId);

    /** Distinct labels used by the task's examples. */
    List<String> labelsInUse(String taskId);

    /**
     * Gives an example another label, in one transaction: the example is deleted and stored again with {@code label}
     * and a new id, created and confirmed at {@code at} by {@code reviewer}, keeping its text, source and prediction.
     * A new id makes the correction count as a new example for retraining, and a replica following the change log
     * sees a delete and an insert.
     *
     * @return the example as stored now, or empty when the task has no example {@code id}
     */
    Optional<Example> relabel(String taskId, long id, String label, String reviewer, Instant at);

    /** Marks an example's label as confirmed by a person; false when the task has no example {@code id}. */
    boolean confirm(String taskId, long id, String reviewer, Instant at);

    /** The ids of the task's examples whose label a person confirmed (or corrected). */
    Set<Long> confirmedIds(String taskId);
}
