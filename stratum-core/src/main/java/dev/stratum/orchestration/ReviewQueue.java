package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.LabelScore;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Each task's queue of inputs that need a person. Items come from predictions that abstained or were refused, and
 * from the pool of unvalidated items the {@link ReviewRanker} chose; resolving one with a label adds a validated
 * example to the memory at once, like feedback does.
 */
final class ReviewQueue {
    private final Store store;
    private final TaskRegistry tasks;
    private final Embeddings embeddings;
    private final Indexer indexer;
    private final TrainingLoop training;
    private final Clock clock;
    private static final SecureRandom RANDOM = new SecureRandom();

    ReviewQueue(Store store, TaskRegistry tasks, Embeddings embeddings, Indexer indexer, TrainingLoop training,
            Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.embeddings = embeddings;
        this.indexer = indexer;
        this.training = training;
        this.clock = clock;
    }

    /**
     * An item for a prediction Stratum did not answer, with the reason and the candidate labels, not yet queued: the
     * prediction names it, and {@link #insert} queues it once the prediction is stored.
     *
     * @param priority higher is reviewed first
     */
    ReviewItem draft(Prediction prediction, String reason, List<LabelScore> candidates, double priority) {
        return ReviewItem.open(newId(clock), prediction.taskId(), prediction.id(), prediction.text(), reason,
                candidates, priority, clock.instant());
    }

    /** A new review item id: the time in base 36 and 64 random bits, so ids sort roughly by creation. */
    static String newId(Clock clock) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "rv_" + Long.toString(clock.millis(), 36) + HexFormat.of().formatHex(bytes);
    }

    void insert(ReviewItem item) {
        store.reviews().insert(item);
    }

    List<ReviewItem> list(String taskId, ReviewItem.Status status, int offset, int limit) {
        tasks.get(taskId);
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new InvalidRequestException("invalid_page", "offset must be >= 0 and limit between 1 and 1000, got "
                    + "offset " + offset + " and limit " + limit);
        }
        return store.reviews().list(taskId, status, offset, limit);
    }

    ReviewItem find(String itemId) {
        return store.reviews().find(itemId).orElseThrow(() -> new NotFoundException("review_item_not_found",
                "review item '" + itemId + "' does not exist; list a task's queue with GET /v1/tasks/{task}/review"));
    }

    ReviewItem claim(String itemId, String reviewer) {
        return store.reviews().claim(itemId, requireReviewer(reviewer), clock.instant());
    }

    ReviewItem resolve(String itemId, String label, boolean outOfScope, String reviewer) {
        ReviewItem item = find(itemId);
        Task task = tasks.get(item.taskId()).task();
        if (outOfScope == (label != null)) {
            throw new InvalidRequestException("invalid_resolution", "resolve review item '" + itemId
                    + "' either with a label (one of the task's labels) or with out_of_scope=true, not both or neither");
        }
        Example example = null;
        float[] vector = null;
        if (label != null) {
            if (task.kind() == TaskKind.GENERATION) {
                OddPolicy policy = tasks.get(task.id()).policy();
                label = Generations.validatedOutput(task, policy == null ? OddPolicy.DEFAULT : policy, label);
            } else {
                task.requireLabel(label);
            }
            example = new Example(0, task.id(), item.text(), label, ExampleSource.REVIEW, item.predictionId(),
                    clock.instant());
            vector = embeddings.forExamples(List.of(item.text())).get(item.text());
        }
        Example stored = store.reviews().resolve(itemId, label, outOfScope, requireReviewer(reviewer),
                clock.instant(), example);
        if (stored != null) {
            indexer.indexNow(stored, vector);
            training.onNewExamples(task.id());
        }
        return find(itemId);
    }

    private static String requireReviewer(String reviewer) {
        if (reviewer == null || reviewer.isBlank()) {
            throw new InvalidRequestException("missing_reviewer", "say who reviews: a reviewer name is required");
        }
        return reviewer.strip();
    }
}
