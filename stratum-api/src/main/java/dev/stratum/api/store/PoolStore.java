package dev.stratum.api.store;

import dev.stratum.api.ReviewItem;
import java.time.Instant;
import java.util.List;

/**
 * Each task's pool of unvalidated items, from which active learning chooses what a person reviews: open review items,
 * predictions nobody has given feedback on, and imported unlabelled texts. Only the imported texts are stored here;
 * the rest is read where it lives.
 */
public interface PoolStore {
    /**
     * Adds imported unlabelled texts to the task's pool in one transaction; a text the pool already holds is skipped.
     *
     * @return how many texts were added
     */
    int add(String taskId, List<String> texts, Instant at);

    /** How many imported texts of the task no reviewer has resolved yet. */
    long countImported(String taskId);

    /**
     * Up to {@code limit} unvalidated items of the task: first the open and claimed review items, then predictions
     * with no feedback and no review item and imported texts with no review item, newest first. The same text may
     * come more than once (from several predictions); callers that rank texts drop the repeats.
     */
    List<PoolCandidate> unvalidated(String taskId, int limit);

    /**
     * Puts a new ranking of the task's queue in force, in one transaction: each of {@code ranked} (with its
     * {@link ReviewItem#ranking() ranking}) is updated when it is queued already and inserted otherwise; the other
     * unresolved items lose their ranking; and open items active learning chose before (origin other than
     * {@link ReviewItem.Origin#ODD}) that this ranking did not choose again leave the queue (their prediction or
     * text stays in the pool). Items resolved meanwhile are left as they are.
     */
    void applyRanking(String taskId, List<ReviewItem> ranked);

    /**
     * One unvalidated item.
     *
     * @param reviewItemId the open or claimed review item it is, or null
     * @param predictionId the prediction it comes from, or null
     * @param poolItemId the imported text it is, or null
     */
    record PoolCandidate(String reviewItemId, String predictionId, String poolItemId, String text,
            Instant createdAt) {}
}
