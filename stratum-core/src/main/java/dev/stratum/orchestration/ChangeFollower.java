package dev.stratum.orchestration;

import dev.stratum.api.Task;
import dev.stratum.api.store.ChangeFeed;
import dev.stratum.api.store.ChangeFeed.ExampleChange;
import dev.stratum.api.store.ChangeFeed.TaskChange;
import dev.stratum.api.store.VectorIndex;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one process in step with the others that share its store (serving replicas, training jobs): a thread of its
 * own follows the store's {@link ChangeFeed}, reloading what serves a task when the task log names it (a promotion,
 * a rollback, a new version, a policy or a settings change) and applying the example log to the nearest-neighbour
 * index. It reads the logs whenever the feed signals a commit, and at least every poll interval in case a signal was
 * lost; so a change made through any replica is in force on the others as soon as their followers have read it.
 *
 * <p>The index remembers, as its checkpoint, the last example change it applied; a restart catches up from there.
 * An index without a checkpoint (new, missing, or older than the store's log) cannot vouch for what it holds, so it
 * is rebuilt from the store.
 */
final class ChangeFollower implements AutoCloseable {
    /** How often the logs are read when no signal comes. */
    static final Duration POLL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    private static final int PAGE = 1_000;
    /** How often, at most, the index is committed with a new checkpoint (a commit costs an fsync). */
    private static final long CHECKPOINT_NANOS = Duration.ofSeconds(10).toNanos();

    private final ChangeFeed feed;
    private final TaskRegistry tasks;
    private final Indexer indexer;
    private final VectorIndex index;
    private final Duration poll;
    private final Thread thread;
    private volatile boolean stopping;
    private long taskSeq;
    private long exampleSeq;
    private long checkpointed;
    private long lastCheckpointNanos = System.nanoTime();

    private ChangeFollower(ChangeFeed feed, TaskRegistry tasks, Indexer indexer, VectorIndex index, Duration poll,
            long taskSeq, long exampleSeq) {
        this.feed = feed;
        this.tasks = tasks;
        this.indexer = indexer;
        this.index = index;
        this.poll = poll;
        this.taskSeq = taskSeq;
        this.exampleSeq = exampleSeq;
        this.checkpointed = index.checkpoint();
        this.thread = Thread.ofPlatform().name("stratum-changes").daemon().unstarted(this::run);
    }

    /**
     * Brings the index up to date with the store (catching up from its checkpoint, or rebuilding it in the
     * background) and starts following. Task runtimes need no catching up: they load from the store on first use,
     * after this starts.
     */
    static ChangeFollower start(ChangeFeed feed, TaskRegistry tasks, Indexer indexer, VectorIndex index,
            List<Task> all, Duration poll) {
        long taskSeq = feed.lastTaskChange();
        long head = feed.lastExampleChange();
        long saved = index.checkpoint();
        ChangeFollower follower;
        if (saved > 0 && saved <= head) {
            follower = new ChangeFollower(feed, tasks, indexer, index, poll, taskSeq, saved);
            follower.catchUpExamples();
            LOG.info("nearest-neighbour index caught up from change {} to {} of the store's example log", saved,
                    follower.exampleSeq);
            // A safety net: a task whose count still disagrees (say, a rebuild cut short) is rebuilt.
            indexer.verifyOnStart(all);
        } else {
            LOG.info("nearest-neighbour index has {}; rebuilding it from the store", saved == 0
                    ? "no checkpoint of the store's example log"
                    : "checkpoint " + saved + ", beyond the store's example log (" + head + "): another database?");
            follower = new ChangeFollower(feed, tasks, indexer, index, poll, taskSeq, head);
            indexer.rebuildAll(all);
        }
        follower.thread.start();
        return follower;
    }

    private void run() {
        boolean failing = false;
        while (!stopping) {
            try {
                feed.awaitChange(poll);
                if (stopping) {
                    return;
                }
                catchUp();
                if (failing) {
                    LOG.info("following the store's changes again (task log at {}, example log at {})", taskSeq,
                            exampleSeq);
                    failing = false;
                }
                checkpointNowAndThen();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn("cannot follow the store's changes: {}; retrying until it answers", e.getMessage());
                    failing = true;
                }
            }
        }
    }

    /** Reads both logs from where this process stands and applies them. */
    void catchUp() {
        List<TaskChange> changes;
        do {
            changes = feed.taskChangesAfter(taskSeq, PAGE);
            Set<String> changed = new LinkedHashSet<>();
            changes.forEach(change -> changed.add(change.taskId()));
            changed.forEach(tasks::refresh);
            if (!changes.isEmpty()) {
                taskSeq = changes.getLast().seq();
            }
        } while (changes.size() == PAGE && !stopping);
        catchUpExamples();
    }

    private void catchUpExamples() {
        List<ExampleChange> changes;
        do {
            changes = feed.exampleChangesAfter(exampleSeq, PAGE);
            indexer.apply(changes);
            if (!changes.isEmpty()) {
                exampleSeq = changes.getLast().seq();
            }
        } while (changes.size() == PAGE && !stopping);
    }

    private void checkpointNowAndThen() {
        if (exampleSeq != checkpointed && System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_NANOS) {
            checkpoint();
        }
    }

    private void checkpoint() {
        index.flush(exampleSeq);
        checkpointed = exampleSeq;
        lastCheckpointNanos = System.nanoTime();
    }

    /**
     * Stops following (closing the feed wakes a waiting thread), then commits the index with the last change applied.
     * Called before the index and the store close.
     */
    @Override
    public void close() {
        stopping = true;
        feed.close();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the change follower did not stop within 30 s; the index keeps its previous checkpoint");
            return;
        }
        if (exampleSeq != checkpointed) {
            checkpoint();
        }
    }
}
