package dev.stratum.api.store;

import dev.stratum.api.Example;
import dev.stratum.api.ExamplePage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Optional;

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
     * Records that a person kept an example's label after checking it (a suspected label error that is not one), so
     * that curated exports keep it. Confirming again records the newer actor and time. An example that is deleted or
     * replaced loses its confirmation.
     *
     * @return false when the task has no example with this id
     */
    boolean confirm(String taskId, long exampleId, String actor, Instant at);

    /** The ids of the task's confirmed examples. */
    Set<Long> confirmedIds(String taskId);
}
