package dev.stratum.api.store;

import java.util.List;

/**
 * The nearest-neighbour memory of validated examples, per task, over one encoder's vectors. A change is visible to
 * the next search. The index is derived data: it can always be rebuilt from the examples and the embedding cache.
 */
public interface VectorIndex extends AutoCloseable {
    /** Adds or replaces the example's vector. */
    void upsert(String taskId, long exampleId, String label, float[] vector);

    void delete(String taskId, long exampleId);

    /** Removes every entry of the task. */
    void clear(String taskId);

    /** The {@code k} most similar examples of the task, most similar first. */
    List<Neighbour> nearest(String taskId, float[] query, int k);

    long size(String taskId);

    /** Makes the current state durable on disk. */
    void flush();

    @Override
    void close();
}
