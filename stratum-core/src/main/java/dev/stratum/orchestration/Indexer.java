package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.Task;
import dev.stratum.api.store.ChangeFeed;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.VectorIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the nearest-neighbour memory in step with the store. Examples from feedback are indexed at once, in the
 * request; bulk imports are embedded and indexed in the background in batches, from a per-task watermark (the largest
 * example id known to be indexed). At start-up a task whose index disagrees with the store is rebuilt: the index is
 * derived data, and the embedding cache makes rebuilding cheap. On a shared store, what other processes change
 * arrives through {@link #apply} (see {@link ChangeFollower}).
 */
final class Indexer {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final int BATCH = 256;

    private final Store store;
    private final VectorIndex index;
    private final Embeddings embeddings;
    private final ExecutorService background;
    private final Map<String, Long> watermarks = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> scheduled = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    Indexer(Store store, VectorIndex index, Embeddings embeddings, ExecutorService background) {
        this.store = store;
        this.index = index;
        this.embeddings = embeddings;
        this.background = background;
    }

    /** Checks every task's index against the store and schedules a rebuild of those that disagree. */
    void verifyOnStart(List<Task> tasks) {
        for (Task task : tasks) {
            long stored = store.examples().count(task.id());
            if (index.size(task.id()) == stored) {
                watermarks.put(task.id(), store.examples().maxId(task.id()));
            } else {
                LOG.info("rebuilding the nearest-neighbour index of task '{}' ({} examples stored, {} indexed)",
                        task.id(), stored, index.size(task.id()));
                index.clear(task.id());
                watermarks.put(task.id(), 0L);
                schedule(task.id());
            }
        }
    }

    /** Empties every task's index and rebuilds it from the store in the background. */
    void rebuildAll(List<Task> tasks) {
        for (Task task : tasks) {
            index.clear(task.id());
        }
        verifyOnStart(tasks);
    }

    /**
     * Applies changes of a shared store's example log, in log order: an insert indexes its example (embedded through
     * the cache), a delete removes it. Replaying a change does no harm, so neither do this process's own changes,
     * already indexed when they were made, nor a restart from an older checkpoint.
     */
    void apply(List<ChangeFeed.ExampleChange> changes) {
        Map<String, List<ChangeFeed.ExampleChange>> byTask = new LinkedHashMap<>();
        for (ChangeFeed.ExampleChange change : changes) {
            byTask.computeIfAbsent(change.taskId(), id -> new ArrayList<>()).add(change);
        }
        byTask.forEach((taskId, own) -> {
            List<String> texts = own.stream().map(ChangeFeed.ExampleChange::example).filter(Objects::nonNull)
                    .map(Example::text).distinct().toList();
            Map<String, float[]> vectors = texts.isEmpty() ? Map.of() : embeddings.forExamples(texts);
            ReentrantLock lock = lock(taskId);
            lock.lock();
            try {
                for (ChangeFeed.ExampleChange change : own) {
                    if (change.deleted()) {
                        index.delete(taskId, change.exampleId());
                    } else if (change.example() != null) {
                        Example example = change.example();
                        index.upsert(taskId, example.id(), example.label(), vectors.get(example.text()));
                    }
                    // An insert whose example is gone already: its delete follows in the log.
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /** Indexes one example now, with its vector already computed. */
    void indexNow(Example example, float[] vector) {
        ReentrantLock lock = lock(example.taskId());
        lock.lock();
        try {
            index.upsert(example.taskId(), example.id(), example.label(), vector);
        } finally {
            lock.unlock();
        }
    }

    void remove(String taskId, long exampleId) {
        ReentrantLock lock = lock(taskId);
        lock.lock();
        try {
            index.delete(taskId, exampleId);
        } finally {
            lock.unlock();
        }
    }

    /** Catches the task's index up in the background; calls while one is pending coalesce. */
    void schedule(String taskId) {
        if (scheduled.putIfAbsent(taskId, Boolean.TRUE) == null) {
            background.execute(() -> {
                scheduled.remove(taskId);
                try {
                    catchUp(taskId);
                } catch (RuntimeException e) {
                    LOG.error("indexing task '{}' failed; it is retried on the next import or restart", taskId, e);
                }
            });
        }
    }

    /** Embeds and indexes every example above the watermark, in the caller's thread. */
    void catchUp(String taskId) {
        ReentrantLock lock = lock(taskId);
        lock.lock();
        try {
            long watermark = watermarks.getOrDefault(taskId, 0L);
            List<Example> pending = store.examples().all(taskId).stream().filter(e -> e.id() > watermark).toList();
            for (int from = 0; from < pending.size() && !stopping; from += BATCH) {
                List<Example> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
                Map<String, float[]> vectors = embeddings.forExamples(batch.stream().map(Example::text).toList());
                for (Example example : batch) {
                    index.upsert(taskId, example.id(), example.label(), vectors.get(example.text()));
                }
                watermarks.put(taskId, batch.get(batch.size() - 1).id());
            }
            if (!pending.isEmpty()) {
                index.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes background catch-ups stop after their current batch; what is left is redone at the next start. */
    void stop() {
        stopping = true;
    }

    /** How many of the task's examples are in the memory, against how many are stored. */
    long indexed(String taskId) {
        return index.size(taskId);
    }

    private ReentrantLock lock(String taskId) {
        return locks.computeIfAbsent(taskId, id -> new ReentrantLock());
    }
}
