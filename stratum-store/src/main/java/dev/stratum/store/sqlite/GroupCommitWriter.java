package dev.stratum.store.sqlite;

import dev.stratum.store.sqlite.SqliteDatabase.SqlWork;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one write connection of a database, committing concurrent writes together.
 *
 * <p>With synchronous=FULL every commit waits for an fsync (about a millisecond or more), so committing each write
 * on its own caps the store at a few hundred writes a second however many threads wait. Instead writers queue up;
 * the writer at the head of the queue leads: it runs the queued units of work, each inside its own savepoint (a unit
 * that fails is rolled back alone), commits once for all of them, then wakes their writers and hands the lead to the
 * next one waiting. Every caller returns only after its own work is durable, or with its own error. (LevelDB's
 * write path works the same way.)
 */
final class GroupCommitWriter {
    /** Bounds one transaction, so a flood of writers cannot grow the WAL without limit before a commit. */
    private static final int MAX_GROUP = 256;

    private final Path file;
    private final Connection connection;
    /** Guards the queue only; it is never held during I/O, so writers can queue up while the leader commits. */
    private final ReentrantLock mutex = new ReentrantLock();
    private final Deque<PendingWrite<?>> queue = new ArrayDeque<>();
    private volatile Thread leader;

    /** @param connection in JDBC autocommit mode: transactions are begun and ended here with explicit SQL */
    GroupCommitWriter(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Runs {@code work} atomically and returns once it is durable; {@code what} completes "could not ...". Waits
     * without reacting to interrupts: once queued, the work may be committed at any moment, so the caller must learn
     * its outcome.
     */
    <T> T write(String what, SqlWork<T> work) {
        if (leader == Thread.currentThread()) {
            throw new IllegalStateException("a write to the SQLite store started another write ('" + what
                    + "') inside its own transaction; do all of it in one unit of work");
        }
        mutex.lock();
        try {
            PendingWrite<T> mine = new PendingWrite<>(what, work, mutex.newCondition());
            queue.addLast(mine);
            while (!mine.done && queue.peekFirst() != mine) {
                mine.wakeUp.awaitUninterruptibly();
            }
            if (!mine.done) {
                lead();
            }
            return mine.outcome(file);
        } finally {
            mutex.unlock();
        }
    }

    /** How many writes are queued, the one being committed included; for tests and diagnostics. */
    int queued() {
        mutex.lock();
        try {
            return queue.size();
        } finally {
            mutex.unlock();
        }
    }

    /** Called with the mutex held by the writer at the head of the queue. */
    private void lead() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> write : queue) {
            if (group.size() == MAX_GROUP) {
                break;
            }
            group.add(write);
        }
        leader = Thread.currentThread();
        mutex.unlock();
        try {
            commit(group);
        } finally {
            leader = null;
            mutex.lock();
            for (PendingWrite<?> write : group) {
                queue.removeFirst();
                write.done = true;
                write.wakeUp.signal();
            }
            PendingWrite<?> next = queue.peekFirst();
            if (next != null) {
                next.wakeUp.signal();
            }
        }
    }

    private void commit(List<PendingWrite<?>> group) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("begin immediate");
            for (PendingWrite<?> write : group) {
                sql.execute("savepoint unit");
                try {
                    write.run(connection);
                } catch (SQLException | RuntimeException | Error e) {
                    write.failure = e;
                    sql.execute("rollback to unit");
                }
                sql.execute("release unit");
            }
            sql.execute("commit");
        } catch (SQLException | RuntimeException | Error e) {
            // Beginning, a savepoint or the commit failed: nothing of this group is durable.
            rollback(e);
            for (PendingWrite<?> write : group) {
                if (write.failure == null) {
                    write.failure = e;
                }
            }
        }
    }

    private void rollback(Throwable failure) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("rollback");
        } catch (SQLException e) {
            // SQLite may have rolled back already (it does on some I/O errors): then there is nothing left to undo.
            failure.addSuppressed(e);
        }
    }

    /**
     * One caller's unit of work and its outcome. The leader writes the outcome before it takes the mutex to mark the
     * unit done; the caller reads it under the mutex after seeing it done.
     */
    private static final class PendingWrite<T> {
        private final String what;
        private final SqlWork<T> work;
        private final Condition wakeUp;
        private T result;
        private Throwable failure;
        private boolean done;

        PendingWrite(String what, SqlWork<T> work, Condition wakeUp) {
            this.what = what;
            this.work = work;
            this.wakeUp = wakeUp;
        }

        void run(Connection connection) throws SQLException {
            result = work.apply(connection);
        }

        T outcome(Path file) {
            return switch (failure) {
                case null -> result;
                case SQLException e -> throw SqliteDatabase.unavailable(file, what, e);
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException("unexpected failure while trying to " + what, failure);
            };
        }
    }
}
