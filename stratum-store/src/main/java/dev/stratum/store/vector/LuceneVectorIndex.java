package dev.stratum.store.vector;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.Neighbour;
import dev.stratum.api.store.VectorIndex;
import dev.stratum.store.vector.PendingChanges.Change;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * A {@link VectorIndex} on Lucene's HNSW graphs: one index directory per encoder, one document per (task, example).
 *
 * <p>Vectors are normalised to unit length on the way in, so similarities are cosines whatever the caller sends.
 * Every change is visible to the next search: Lucene's reader is reopened only every {@value #REOPEN_AFTER} changes
 * (a reopen costs tens of milliseconds), and searches scan the changes made since then exactly
 * ({@link PendingChanges}). {@link #flush()} commits to disk; what was not flushed is lost on a crash and must be
 * rebuilt from the store. A caller's checkpoint is kept in Lucene's commit user data, so it reaches the disk in the
 * same commit as the changes it stands for. Thread-safe.
 */
public final class LuceneVectorIndex implements VectorIndex {
    /** Changes kept outside Lucene's reader before it is reopened; searches scan them exactly. */
    static final int REOPEN_AFTER = 1_024;
    /** The key of the caller's checkpoint in Lucene's commit user data. */
    private static final String CHECKPOINT = "stratum.checkpoint";

    private final Path path;
    private final int dimension;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final PendingChanges pending = new PendingChanges();
    private volatile long checkpoint;

    private LuceneVectorIndex(Path path, int dimension, Directory directory, IndexWriter writer, long checkpoint)
            throws IOException {
        this.path = path;
        this.dimension = dimension;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.checkpoint = checkpoint;
        // Every later commit carries the checkpoint on, until flush(long) moves it.
        writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(checkpoint)).entrySet());
    }

    /**
     * Opens (creating if needed) the index in {@code dir} for vectors of {@code dimension} floats.
     *
     * @throws UnavailableException when the directory cannot be opened, for example because another process holds
     *     its write lock
     */
    public static LuceneVectorIndex open(Path dir, int dimension) {
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException("a vector dimension must be between 1 and 4096, got " + dimension);
        }
        Directory directory = null;
        try {
            // Small fresh segments stay in memory until a commit or a merge writes them out, which keeps reopens cheap.
            directory = new NRTCachingDirectory(FSDirectory.open(dir), 4.0, 32.0);
            long checkpoint = DirectoryReader.indexExists(directory)
                    ? Long.parseLong(SegmentInfos.readLatestCommit(directory).getUserData().getOrDefault(CHECKPOINT, "0"))
                    : 0;
            IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            return new LuceneVectorIndex(dir, dimension, directory, new IndexWriter(directory, config), checkpoint);
        } catch (IOException e) {
            closeAfterFailure(directory, e);
            throw unavailable("open the vector index in " + dir
                    + " (is another Stratum process using this data directory?)", e);
        }
    }

    /** The conventional place of an encoder's index inside a data directory: {@code dataDir/index/<encoder-id>}. */
    public static Path directoryFor(Path dataDir, String encoderId) {
        return dataDir.resolve("index").resolve(encoderId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @Override
    public void upsert(String taskId, long exampleId, String label, float[] vector) {
        float[] unit = VectorMath.unitLength(vector, dimension, "the vector of example " + exampleId);
        try {
            long seqNo = writer.updateDocument(VectorDocuments.key(taskId, exampleId),
                    VectorDocuments.document(taskId, exampleId, label, unit));
            record(new Change(taskId, exampleId, label, unit, seqNo));
        } catch (IOException e) {
            throw unavailable("index example " + exampleId + " of task '" + taskId + "' in " + path, e);
        }
    }

    @Override
    public void delete(String taskId, long exampleId) {
        try {
            long seqNo = writer.deleteDocuments(VectorDocuments.key(taskId, exampleId));
            record(new Change(taskId, exampleId, null, null, seqNo));
        } catch (IOException e) {
            throw unavailable("remove example " + exampleId + " of task '" + taskId + "' from the index in " + path, e);
        }
    }

    @Override
    public void clear(String taskId) {
        try {
            long seqNo = writer.deleteDocuments(VectorDocuments.task(taskId));
            pending.forgetTask(taskId, seqNo);
            reopen();
        } catch (IOException e) {
            throw unavailable("clear the index of task '" + taskId + "' in " + path, e);
        }
    }

    @Override
    public List<Neighbour> nearest(String taskId, float[] query, int k) {
        if (k <= 0) {
            return List.of();
        }
        float[] unit = VectorMath.unitLength(query, dimension, "the query vector");
        // Read the pending changes before acquiring the searcher: a change that a reopen removes from them meanwhile
        // is then visible to the searcher acquired after it.
        List<Change> changes = pending.of(taskId);
        Set<Long> changed = new HashSet<>();
        List<Neighbour> found = new ArrayList<>();
        for (Change change : changes) {
            changed.add(change.exampleId());
            if (!change.isDelete()) {
                found.add(new Neighbour(change.exampleId(), change.label(), VectorMath.dot(unit, change.unit())));
            }
        }
        IndexSearcher searcher = acquire();
        try {
            for (Neighbour hit : VectorDocuments.nearest(searcher, taskId, unit, k + changed.size())) {
                if (!changed.contains(hit.exampleId())) {
                    found.add(hit);
                }
            }
        } catch (IOException e) {
            throw unavailable("search the index of task '" + taskId + "' in " + path, e);
        } finally {
            release(searcher);
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found.size() > k ? List.copyOf(found.subList(0, k)) : found;
    }

    @Override
    public long size(String taskId) {
        if (pending.touches(taskId)) {
            reopen();
        }
        IndexSearcher searcher = acquire();
        try {
            return searcher.count(new TermQuery(VectorDocuments.task(taskId)));
        } catch (IOException e) {
            throw unavailable("count the index entries of task '" + taskId + "' in " + path, e);
        } finally {
            release(searcher);
        }
    }

    @Override
    public void flush() {
        try {
            writer.commit();
            reopen();
        } catch (IOException e) {
            throw unavailable("commit the vector index in " + path + " to disk", e);
        }
    }

    @Override
    public void flush(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a checkpoint is a position in a log, 0 or more, got " + value);
        }
        try {
            writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(value)).entrySet());
            writer.commit();
            checkpoint = value;
            reopen();
        } catch (IOException e) {
            throw unavailable("commit the vector index in " + path + " to disk", e);
        }
    }

    @Override
    public long checkpoint() {
        return checkpoint;
    }

    @Override
    public void close() {
        try (Directory ignored = directory; IndexWriter w = writer; SearcherManager s = searchers) {
            // Closing the writer commits pending changes (IndexWriterConfig's commitOnClose defaults to true).
        } catch (IOException e) {
            throw unavailable("close the vector index in " + path, e);
        }
    }

    private void record(Change change) {
        pending.record(change);
        if (pending.size() >= REOPEN_AFTER) {
            reopen();
        }
    }

    /** Makes every completed change visible to Lucene's searcher, and forgets those changes. */
    private void reopen() {
        long completed = writer.getMaxCompletedSequenceNumber();
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw unavailable("reopen the searcher of the vector index in " + path, e);
        }
        pending.forgetUpTo(completed);
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw unavailable("acquire a searcher of the vector index in " + path, e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw unavailable("release a searcher of the vector index in " + path, e);
        }
    }

    private static UnavailableException unavailable(String what, IOException e) {
        return new UnavailableException("index_unavailable", "could not " + what + ": " + e.getMessage()
                + ". The index is derived data: if this persists, delete the directory and let Stratum rebuild it.",
                e);
    }

    private static void closeAfterFailure(Directory directory, IOException failure) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
