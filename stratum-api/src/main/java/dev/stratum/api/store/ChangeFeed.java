package dev.stratum.api.store;

import dev.stratum.api.Example;
import java.time.Duration;
import java.util.List;

/**
 * What the processes sharing a store change, for each of them to follow: two logs in commit order, one of the tasks
 * whose served state changed (definition, settings, ODD policy, model versions and their states) and one of inserted
 * and deleted examples, each numbered by an increasing sequence, and a signal that something was appended. Only a
 * store that several processes open at once has one ({@link Store#openChangeFeed()}).
 *
 * <p>The logs are read with any connection of the store; the signal needs a connection of the feed's own, which it
 * re-establishes by itself after a failure. Reading the logs from the last sequence number applied is always
 * enough to catch up: the signal only says when. Used by one thread at a time.
 */
public interface ChangeFeed extends AutoCloseable {
    /** A task whose served state changed in the transaction that appended {@code seq}. */
    record TaskChange(long seq, String taskId) {}

    /**
     * An example inserted or deleted.
     *
     * @param example the example as stored, for an insert of an example that still exists; null for a delete, and
     *     for an insert whose example has been deleted since (a later change in the log says so)
     */
    record ExampleChange(long seq, String taskId, long exampleId, boolean deleted, Example example) {}

    /** The sequence number of the newest task change, 0 when there is none. */
    long lastTaskChange();

    /** The task changes with a sequence number above {@code seq}, oldest first, at most {@code limit}. */
    List<TaskChange> taskChangesAfter(long seq, int limit);

    /** The sequence number of the newest example change, 0 when there is none. */
    long lastExampleChange();

    /** The example changes with a sequence number above {@code seq}, oldest first, at most {@code limit}. */
    List<ExampleChange> exampleChangesAfter(long seq, int limit);

    /**
     * Waits at most {@code timeout} for a sign that another process appended to a log. Returns true when signalled,
     * and also after the feed re-established a lost connection (signals may have been missed meanwhile); false when
     * the time ran out. Never throws for an unreachable store: it waits and tries again at the next call.
     */
    boolean awaitChange(Duration timeout) throws InterruptedException;

    /** Whether the feed's own connection is established and listening now. */
    boolean isListening();

    @Override
    void close();
}
