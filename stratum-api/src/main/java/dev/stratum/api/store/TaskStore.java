package dev.stratum.api.store;

import dev.stratum.api.Task;
import java.util.List;
import java.util.Optional;

/** Persists tasks. */
public interface TaskStore {
    /** Stores a new task; throws {@link dev.stratum.api.ConflictException} when the id is taken. */
    void insert(Task task);

    Optional<Task> find(String id);

    /** All tasks, ordered by id. */
    List<Task> list();

    /** Replaces the stored task of the same id (name, labels, settings, updatedAt). */
    void update(Task task);
}
