package dev.stratum.store.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.Neighbour;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LuceneVectorIndex} on a real index directory. */
class LuceneVectorIndexTest {
    private static final int DIM = 4;

    @TempDir
    Path dir;

    private LuceneVectorIndex index;

    @BeforeEach
    void open() {
        index = LuceneVectorIndex.open(dir, DIM);
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void nearest_returnsTheMostSimilarFirst_withCosineSimilarities() {
        index.upsert("t", 1, "travel", new float[] {1, 0, 0, 0});
        index.upsert("t", 2, "meals", new float[] {0, 1, 0, 0});
        index.upsert("t", 3, "travel", new float[] {1, 1, 0, 0});

        List<Neighbour> found = index.nearest("t", new float[] {1, 0.1f, 0, 0}, 3);

        assertThat(found).extracting(Neighbour::exampleId).containsExactly(1L, 3L, 2L);
        assertThat(found.getFirst().label()).isEqualTo("travel");
        double norm = Math.sqrt(1.01);
        assertThat(found.get(0).similarity()).isCloseTo((float) (1 / norm), within(1e-4f));
        assertThat(found.get(1).similarity()).isCloseTo((float) (1.1 / (norm * Math.sqrt(2))), within(1e-4f));
        assertThat(found.get(2).similarity()).isCloseTo((float) (0.1 / norm), within(1e-4f));
    }

    @Test
    void nearest_oppositeVector_hasNegativeSimilarity() {
        index.upsert("t", 1, "a", new float[] {1, 0, 0, 0});

        assertThat(index.nearest("t", new float[] {-2, 0, 0, 0}, 1).getFirst().similarity())
                .isCloseTo(-1f, within(1e-4f));
    }

    @Test
    void nearest_onlySeesTheQueriedTask() {
        index.upsert("a", 1, "x", new float[] {1, 0, 0, 0});
        index.upsert("b", 1, "y", new float[] {1, 0, 0, 0});
        index.upsert("b", 2, "y", new float[] {0, 1, 0, 0});

        assertThat(index.nearest("a", new float[] {1, 0, 0, 0}, 10)).containsExactly(new Neighbour(1, "x", 1f));
        assertThat(index.size("a")).isEqualTo(1);
        assertThat(index.size("b")).isEqualTo(2);
        assertThat(index.nearest("none", new float[] {1, 0, 0, 0}, 10)).isEmpty();
    }

    @Test
    void aChange_isVisibleToTheVeryNextSearch() {
        index.upsert("t", 1, "a", new float[] {1, 0, 0, 0});
        assertThat(index.size("t")).isEqualTo(1);

        index.upsert("t", 2, "b", new float[] {0, 1, 0, 0});
        assertThat(index.nearest("t", new float[] {0, 1, 0, 0}, 1)).extracting(Neighbour::exampleId).containsExactly(2L);

        index.delete("t", 2);
        assertThat(index.nearest("t", new float[] {0, 1, 0, 0}, 5)).extracting(Neighbour::exampleId).containsExactly(1L);
    }

    @ParameterizedTest(name = "after a flush: {0}")
    @ValueSource(booleans = {false, true})
    void upsert_sameExample_replacesItsLabelAndVector(boolean flushedFirst) {
        index.upsert("t", 7, "travel", new float[] {1, 0, 0, 0});
        if (flushedFirst) {
            index.flush();
        }

        index.upsert("t", 7, "meals", new float[] {0, 0, 1, 0});

        List<Neighbour> found = index.nearest("t", new float[] {0, 0, 1, 0}, 5);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().label()).isEqualTo("meals");
        assertThat(found.getFirst().similarity()).isCloseTo(1f, within(1e-5f));
        assertThat(index.size("t")).isEqualTo(1);
    }

    @ParameterizedTest(name = "after a flush: {0}")
    @ValueSource(booleans = {false, true})
    void delete_removesOnlyThatExampleOfThatTask(boolean flushedFirst) {
        index.upsert("a", 1, "x", new float[] {1, 0, 0, 0});
        index.upsert("a", 2, "x", new float[] {0, 1, 0, 0});
        index.upsert("b", 1, "x", new float[] {1, 0, 0, 0});
        if (flushedFirst) {
            index.flush();
        }

        index.delete("a", 1);

        assertThat(index.nearest("a", new float[] {1, 0, 0, 0}, 5)).extracting(Neighbour::exampleId).containsExactly(2L);
        assertThat(index.nearest("b", new float[] {1, 0, 0, 0}, 5)).extracting(Neighbour::exampleId).containsExactly(1L);
        assertThat(index.size("a")).isEqualTo(1);
    }

    @Test
    void clear_removesEveryEntryOfTheTaskOnly() {
        index.upsert("a", 1, "x", new float[] {1, 0, 0, 0});
        index.upsert("a", 2, "x", new float[] {0, 1, 0, 0});
        index.upsert("b", 1, "x", new float[] {1, 0, 0, 0});

        index.clear("a");

        assertThat(index.size("a")).isZero();
        assertThat(index.nearest("a", new float[] {1, 0, 0, 0}, 5)).isEmpty();
        assertThat(index.size("b")).isEqualTo(1);
    }

    @Test
    void reopen_afterFlush_keepsTheEntries() {
        index.upsert("t", 1, "a", new float[] {1, 0, 0, 0});
        index.upsert("t", 2, "b", new float[] {0, 1, 0, 0});
        index.flush();
        index.close();

        index = LuceneVectorIndex.open(dir, DIM);

        assertThat(index.size("t")).isEqualTo(2);
        assertThat(index.nearest("t", new float[] {0, 1, 0, 0}, 1)).containsExactly(new Neighbour(2, "b", 1f));
    }

    @Test
    void checkpoint_ofANewIndex_isZero() {
        assertThat(index.checkpoint()).isZero();
    }

    @Test
    void checkpoint_survivesAReopen_withTheChangesFlushedBeforeIt_andLaterPlainFlushesKeepIt() {
        index.upsert("t", 1, "travel", new float[] {1, 0, 0, 0});
        index.flush(42);
        index.upsert("t", 2, "meals", new float[] {0, 1, 0, 0});
        index.flush();
        assertThat(index.checkpoint()).isEqualTo(42);
        index.close();

        index = LuceneVectorIndex.open(dir, DIM);

        assertThat(index.checkpoint()).isEqualTo(42);
        assertThat(index.size("t")).isEqualTo(2);
        index.upsert("t", 3, "meals", new float[] {0, 0, 1, 0});
        index.close();
        index = LuceneVectorIndex.open(dir, DIM);
        assertThat(index.checkpoint()).as("a commit on close after a reopen").isEqualTo(42);
        index.flush(43);
        index.close();
        index = LuceneVectorIndex.open(dir, DIM);
        assertThat(index.checkpoint()).isEqualTo(43);
    }

    @Test
    void open_whileAnotherIndexHoldsTheDirectory_throwsUnavailable() {
        assertThatThrownBy(() -> LuceneVectorIndex.open(dir, DIM))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void upsert_wrongDimension_throwsNamingBothDimensions() {
        assertThatThrownBy(() -> index.upsert("t", 1, "a", new float[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 dimensions but this index holds vectors of 4");
    }

    @Test
    void upsert_zeroVector_isRefused() {
        assertThatThrownBy(() -> index.upsert("t", 1, "a", new float[DIM]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all zeros");
    }

    @Test
    void nearest_smallTaskBesideALargeOne_returnsEveryOneOfItsEntries() {
        // 3,000 changes also cross the reopen threshold twice, so Lucene's hits and pending changes are combined.
        Random random = new Random(7);
        for (long id = 1; id <= 3_000; id++) {
            index.upsert("big", id, "x", randomVector(random));
        }
        for (long id = 1; id <= 5; id++) {
            index.upsert("small", id, "y", randomVector(random));
        }

        List<Neighbour> found = index.nearest("small", randomVector(random), 10);

        assertThat(found).extracting(Neighbour::exampleId).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(found).extracting(Neighbour::similarity).isSortedAccordingTo((x, y) -> Float.compare(y, x));
    }

    @Test
    void nearest_taskOfAFewHundredEntries_matchesExactSearch() {
        Random random = new Random(11);
        float[][] vectors = new float[400][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = randomVector(random);
            index.upsert("t", i, "x", vectors[i]);
        }
        float[] query = randomVector(random);

        List<Neighbour> found = index.nearest("t", query, 5);

        List<Long> exact = IntStream.range(0, vectors.length).boxed()
                .sorted((i, j) -> Double.compare(cosine(query, vectors[j]), cosine(query, vectors[i])))
                .limit(5).map(Integer::longValue).toList();
        assertThat(found).extracting(Neighbour::exampleId).containsExactlyElementsOf(exact);
    }

    @Test
    void concurrentWritersAndSearchers_eachSeeTheirOwnWriteAtOnce() throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 4; t++) {
                String task = "task-" + t;
                futures.add(executor.submit(() -> {
                    Random random = new Random(task.hashCode());
                    int seen = 0;
                    for (long id = 1; id <= 50; id++) {
                        float[] vector = randomVector(random);
                        index.upsert(task, id, "x", vector);
                        seen += index.nearest(task, vector, 1).getFirst().exampleId() == id ? 1 : 0;
                    }
                    return seen;
                }));
            }
            for (Future<Integer> future : futures) {
                assertThat(future.get()).isEqualTo(50);
            }
        }
        assertThat(index.size("task-3")).isEqualTo(50);
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
