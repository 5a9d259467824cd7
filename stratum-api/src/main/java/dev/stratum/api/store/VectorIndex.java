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

    /**
     * Makes the current state durable on disk together with {@code checkpoint}, a position that the caller reads back
     * with {@link #checkpoint()} after a restart: for a replica of a shared store, the last change of the store's
     * example log that the index had applied. Every change the caller applied before this call must be applied when
     * the index is read back.
     */
    void flush(long checkpoint);

    /** The checkpoint of the last {@link #flush(long)} that reached the disk; 0 when there was none. */
    long checkpoint();

    @Override
    void close();
}
