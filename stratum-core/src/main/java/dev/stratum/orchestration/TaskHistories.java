package dev.stratum.orchestration;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.TaskHistory;
import dev.stratum.api.store.HistoryStore;
import dev.stratum.api.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** A task over time: its traffic per interval, counted by the store, and the learning curve of its versions. */
final class TaskHistories {
    /** The most intervals one answer has, so that a chart stays readable and a query cheap. */
    static final int MAX_BUCKETS = 1000;
    static final Duration MIN_BUCKET = Duration.ofMinutes(1);
    /** The metric a version's point on the learning curve shows: its out-of-fold accuracy on its examples. */
    static final String ACCURACY_METRIC = "odd_accuracy";
    static final String EXAMPLES_METRIC = "examples";

    private final Store store;
    private final TaskRegistry tasks;

    TaskHistories(Store store, TaskRegistry tasks) {
        this.store = store;
        this.tasks = tasks;
    }

    TaskHistory history(String taskId, Instant from, Instant to, Duration bucket) {
        tasks.get(taskId);
        if (bucket.compareTo(MIN_BUCKET) < 0) {
            throw new InvalidRequestException("invalid_query", "bucket must be at least 1 minute (1m), got "
                    + bucket.toSeconds() + " s");
        }
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("invalid_query", "from (" + from + ") must be before to (" + to + ")");
        }
        long buckets = Duration.between(from, to).dividedBy(bucket) + 1;
        if (buckets > MAX_BUCKETS) {
            throw new InvalidRequestException("invalid_query", "from " + from + " to " + to + " in buckets of "
                    + bucket.toSeconds() + " s is " + buckets + " buckets; ask for at most " + MAX_BUCKETS
                    + " (a larger bucket or a shorter span)");
        }
        List<TaskHistory.Bucket> counted = store.history().history(taskId, from, to, bucket).stream()
                .map(TaskHistories::bucket).toList();
        return new TaskHistory(taskId, from, to, bucket.toSeconds(), counted, learningCurve(taskId));
    }

    private static TaskHistory.Bucket bucket(HistoryStore.Bucket b) {
        return new TaskHistory.Bucket(b.start(), b.predictions(), b.answeredByLayer(), b.withheld(),
                b.predictions() == 0 ? 0 : (double) b.withheld() / b.predictions(), b.judged(), b.correct(),
                b.judged() == 0 ? null : (double) b.correct() / b.judged());
    }

    /** Every version that measured its accuracy, oldest first. */
    private List<TaskHistory.LearningPoint> learningCurve(String taskId) {
        return store.models().list(taskId).stream()
                .filter(v -> v.metrics().containsKey(ACCURACY_METRIC) && v.metrics().containsKey(EXAMPLES_METRIC))
                .sorted(Comparator.comparingInt(ModelVersion::version))
                .map(v -> new TaskHistory.LearningPoint(v.id(), v.version(), v.metrics().get(EXAMPLES_METRIC)
                        .longValue(), v.metrics().get(ACCURACY_METRIC), v.state() == null ? null
                        : v.state().wireName(), v.createdAt()))
                .toList();
    }
}
