package dev.stratum.store.vector;

import dev.stratum.api.store.Neighbour;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** How an indexed example is laid out as a Lucene document, and the task-filtered kNN search over them. */
final class VectorDocuments {
    /** Tasks with at most this many vectors are searched exhaustively: exact, and about a millisecond at 384 dimensions. */
    static final int EXACT_SEARCH_LIMIT = 1_000;

    private static final String TASK = "task";
    private static final String KEY = "key";
    private static final String EXAMPLE_ID = "example_id";
    private static final String LABEL = "label";
    private static final String VECTOR = "vector";

    private VectorDocuments() {}

    /** The document of one example; {@code unit} must have unit length, as DOT_PRODUCT similarity requires. */
    static Document document(String taskId, long exampleId, String label, float[] unit) {
        Document doc = new Document();
        doc.add(new StringField(TASK, taskId, Field.Store.NO));
        doc.add(new StringField(KEY, PendingChanges.key(taskId, exampleId), Field.Store.NO));
        doc.add(new StoredField(EXAMPLE_ID, exampleId));
        doc.add(new StoredField(LABEL, label));
        doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    /** The term that identifies one example's document. */
    static Term key(String taskId, long exampleId) {
        return new Term(KEY, PendingChanges.key(taskId, exampleId));
    }

    /** The term that every document of a task carries. */
    static Term task(String taskId) {
        return new Term(TASK, taskId);
    }

    /** The task's {@code k} nearest documents to {@code unit} that {@code searcher} sees, most similar first. */
    static List<Neighbour> nearest(IndexSearcher searcher, String taskId, float[] unit, int k)
            throws IOException {
        TermQuery inTask = new TermQuery(task(taskId));
        int count = searcher.count(inTask);
        if (count == 0) {
            return List.of();
        }
        // Asking for more neighbours than the filter matches makes Lucene search exhaustively, which is exact.
        int asked = count <= EXACT_SEARCH_LIMIT ? Math.max(k, count + 1) : k;
        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VECTOR, unit, asked, inTask), asked).scoreDocs;
        StoredFields stored = searcher.storedFields();
        List<Neighbour> neighbours = new ArrayList<>(Math.min(k, hits.length));
        for (int i = 0; i < hits.length && i < k; i++) {
            Document doc = stored.document(hits[i].doc);
            long exampleId = doc.getField(EXAMPLE_ID).numericValue().longValue();
            // Lucene scores DOT_PRODUCT as (1 + dot) / 2; for unit vectors the dot product is the cosine.
            float cosine = Math.clamp(2 * hits[i].score - 1, -1f, 1f);
            neighbours.add(new Neighbour(exampleId, doc.get(LABEL), cosine));
        }
        return neighbours;
    }
}
