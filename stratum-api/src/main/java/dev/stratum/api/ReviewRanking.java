package dev.stratum.api;

import java.time.Instant;

/**
 * Where the ranking of a task's review queue stands: rankings run in the background, after every training, when the
 * pool has grown substantially, when the task's active-learning setting changes, at start-up, and on request.
 *
 * @param settings the task's active-learning setting in force
 * @param pending whether a ranking is waiting or running now
 * @param rankedAt when the latest ranking finished, or null when none has since the server started
 * @param strategy the strategy the latest ranking used ({@code cold-start} before the first model), or null
 * @param modelVersion the model version whose probabilities it ranked, or null
 * @param pool the distinct unvalidated texts it ranked
 * @param queued the items it put at the head of the queue
 * @param trigger why it ran
 * @param seconds how long it took
 * @param error why the latest ranking failed, or null
 */
public record ReviewRanking(String taskId, ActiveLearning settings, boolean pending, Instant rankedAt,
        String strategy, String modelVersion, int pool, int queued, String trigger, double seconds, String error) {
    /** The state of a task no ranking has finished for since the server started. */
    public static ReviewRanking none(String taskId, ActiveLearning settings, boolean pending) {
        return new ReviewRanking(taskId, settings, pending, null, null, null, 0, 0, null, 0, null);
    }

    public ReviewRanking withPending(boolean value) {
        return new ReviewRanking(taskId, settings, value, rankedAt, strategy, modelVersion, pool, queued, trigger,
                seconds, error);
    }
}
