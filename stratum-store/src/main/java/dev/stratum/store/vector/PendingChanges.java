package dev.stratum.store.vector;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Index changes that Lucene's current searcher may not see yet, kept so that searches can see them anyway.
 *
 * <p>Reopening Lucene's near-real-time reader costs tens of milliseconds (it writes a segment), far too much to pay
 * between every write and the next search. So the index reopens only now and then, and until it does, searches
 * combine Lucene's hits with an exact scan of these changes: an upsert here replaces Lucene's entry of the same
 * example, a delete hides it. Each change carries the {@link org.apache.lucene.index.IndexWriter} sequence number of
 * its operation, so that a reopen can forget exactly the changes it made visible.
 */
final class PendingChanges {
    /** An upsert, or a delete when {@code unit} is null. */
    record Change(String taskId, long exampleId, String label, float[] unit, long seqNo) {
        boolean isDelete() {
            return unit == null;
        }

        String key() {
            return PendingChanges.key(taskId, exampleId);
        }
    }

    private final ConcurrentHashMap<String, Change> byKey = new ConcurrentHashMap<>();

    static String key(String taskId, long exampleId) {
        return taskId + ":" + exampleId;
    }

    /** Records a change; of two changes to the same example, the one Lucene applied last wins. */
    void record(Change change) {
        byKey.merge(change.key(), change, (old, latest) -> latest.seqNo() > old.seqNo() ? latest : old);
    }

    int size() {
        return byKey.size();
    }

    /** The task's changes, as of now. */
    List<Change> of(String taskId) {
        return byKey.values().stream().filter(c -> c.taskId().equals(taskId)).toList();
    }

    boolean touches(String taskId) {
        return byKey.values().stream().anyMatch(c -> c.taskId().equals(taskId));
    }

    /** Forgets the changes whose operations a reader opened after they completed can see. */
    void forgetUpTo(long seqNo) {
        byKey.values().removeIf(c -> c.seqNo() <= seqNo);
    }

    /** Forgets the task's changes that a clear of the task, with sequence number {@code clearSeqNo}, undid. */
    void forgetTask(String taskId, long clearSeqNo) {
        byKey.values().removeIf(c -> c.taskId().equals(taskId) && c.seqNo() < clearSeqNo);
    }
}
