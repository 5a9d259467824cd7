package dev.stratum.odd.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.store.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactNeighbourSearchTest {
    private static final Random RANDOM = new Random(3);
    private static final List<float[]> VECTORS = IntStream.range(0, 300).mapToObj(i -> unit(33)).toList();
    private static final List<String> LABELS = IntStream.range(0, 300).mapToObj(i -> "l" + i % 7).toList();

    @Test
    void nearest_returnsTheMostSimilarFirst_asAFullSortWould() {
        ExactNeighbourSearch search = ExactNeighbourSearch.of(VECTORS, LABELS);
        float[] query = unit(33);

        List<Neighbour> found = search.nearest(query, 5);

        List<Integer> expected = IntStream.range(0, VECTORS.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -dot(VECTORS.get(i), query))).limit(5).toList();
        assertThat(found).extracting(n -> (int) n.exampleId()).containsExactlyElementsOf(expected);
        assertThat(found.getFirst().label()).isEqualTo(LABELS.get(expected.getFirst()));
        assertThat(found.getFirst().similarity()).isEqualTo(search.nearestSimilarity(query));
    }

    @Test
    void nearestAll_findsWhatNearestFindsForEachQuery() {
        ExactNeighbourSearch search = ExactNeighbourSearch.of(VECTORS, LABELS);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            queries.add(unit(33));
        }

        List<List<Neighbour>> all = search.nearestAll(queries, 10);

        for (int q = 0; q < queries.size(); q++) {
            assertThat(all.get(q)).isEqualTo(search.nearest(queries.get(q), 10));
        }
    }

    @Test
    void nearest_moreThanStored_returnsEverything_andAnEmptySearchNothing() {
        assertThat(ExactNeighbourSearch.of(VECTORS.subList(0, 3), LABELS.subList(0, 3)).nearest(unit(33), 10))
                .hasSize(3);
        assertThat(ExactNeighbourSearch.of(List.of(), List.of()).nearest(unit(33), 10)).isEmpty();
        assertThat(ExactNeighbourSearch.of(List.of(), List.of()).nearestSimilarity(unit(33))).isEqualTo(-1f);
    }

    private static float dot(float[] a, float[] b) {
        return ExactNeighbourSearch.dot(a, b);
    }

    private static float[] unit(int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) RANDOM.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < dimension; j++) {
            v[j] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
