package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.Task;
import dev.stratum.api.store.Store;
import dev.stratum.api.store.VectorIndex;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the nearest-neighbour memory in step with the store. Examples from feedback are indexed at once, in the
 * request; bulk imports are embedded and indexed in the background in batches, from a per-task watermark (the largest
 * example id known to be indexed). At start-up a task whose index disagrees with the store is rebuilt: the index is
 * derived data, and the embedding cache makes rebuilding cheap.
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
