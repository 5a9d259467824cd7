package dev.stratum.models.hyperlocal;

import dev.stratum.api.store.Neighbour;
import java.util.List;

/**
 * Finds a task's stored examples nearest to a vector: the nearest-neighbour memory as the hyperlocal model sees it,
 * typically {@code (query, k) -> vectorIndex.nearest(taskId, query, k)}.
 */
@FunctionalInterface
public interface NeighbourLookup {
    /** A lookup over an empty memory. */
    NeighbourLookup NONE = (query, k) -> List.of();

    /** At most {@code k} examples, most similar first. */
    List<Neighbour> nearest(float[] query, int k);
}
