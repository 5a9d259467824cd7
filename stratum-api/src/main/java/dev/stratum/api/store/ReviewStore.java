package dev.stratum.api.store;

import dev.stratum.api.Example;
import dev.stratum.api.ReviewItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persists each task's human review queue. */
public interface ReviewStore {
    void insert(ReviewItem item);

    Optional<ReviewItem> find(String id);

    /**
     * A task's items in review order: highest priority first, then oldest first.
     *
     * @param status only items in this state, or null for all
     */
    List<ReviewItem> list(String taskId, ReviewItem.Status status, int offset, int limit);

    long count(String taskId, ReviewItem.Status status);

    /**
     * Claims an open item for {@code reviewer} (or renews the claim of the same reviewer). Throws a
     * {@link dev.stratum.api.ConflictException} when another reviewer holds it or it is resolved.
     */
    ReviewItem claim(String id, String reviewer, Instant at);

    /**
     * Resolves an item, in one transaction with inserting {@code example} (the validated example a label makes, or
     * null for out of scope). Throws a {@link dev.stratum.api.ConflictException} when it is already resolved.
     *
     * @return the stored example with its id, or null
     */
    Example resolve(String id, String label, boolean outOfScope, String reviewer, Instant at, Example example);

    /** Texts reviewers marked out of scope for the task, newest first, at most {@code limit}. */
    List<String> outOfScopeTexts(String taskId, int limit);

    /** Updates the priorities of open items, for example after a retrain re-ranks the queue. */
    void reprioritise(String taskId, java.util.Map<String, Double> priorityById);
}
