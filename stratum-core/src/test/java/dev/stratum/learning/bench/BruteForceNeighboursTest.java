package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.store.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BruteForceNeighboursTest {
    @Test
    void nearest_equalsSortingEveryDotProduct() {
        Random random = new Random(4);
        List<float[]> stored = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stored.add(unit(random, 16));
            labels.add("l" + (i % 7));
        }
        List<float[]> queries = List.of(unit(random, 16), unit(random, 16), unit(random, 16));

        List<List<Neighbour>> found = BruteForceNeighbours.nearest(queries, stored, labels, 5);

        for (int q = 0; q < queries.size(); q++) {
            float[] query = queries.get(q);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                expected.add(i);
            }
            expected.sort(Comparator.comparingDouble((Integer i) -> -dot(query, stored.get(i))));
            assertThat(found.get(q)).extracting(n -> (int) n.exampleId()).containsExactlyElementsOf(
                    expected.subList(0, 5));
            assertThat(found.get(q)).allMatch(n -> n.label().equals(labels.get((int) n.exampleId())));
        }
    }

    @Test
    void nearest_fewerStoredThanK_returnsAllOfThem() {
        List<List<Neighbour>> found = BruteForceNeighbours.nearest(List.of(new float[] {1, 0}),
                List.of(new float[] {0, 1}, new float[] {1, 0}), List.of("a", "b"), 10);

        assertThat(found.getFirst()).extracting(Neighbour::label).containsExactly("b", "a");
    }

    private static float[] unit(Random random, int d) {
        float[] v = new float[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < d; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
