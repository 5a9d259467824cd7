package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColdStartTest {
    @Test
    void cold_start_covers_every_group_of_the_pool_largest_first() {
        Blobs blobs = new Blobs(3);
        List<float[]> pool = new ArrayList<>();
        int[] sizes = {40, 5, 20, 10, 3};
        for (int g = 0; g < sizes.length; g++) {
            pool.addAll(blobs.near(Blobs.axis(g), 0.05, sizes[g]));
        }

        List<Integer> picked = ColdStart.select(pool, 5, 9);

        Set<Integer> groups = new HashSet<>();
        picked.forEach(i -> groups.add(group(i, sizes)));
        assertThat(groups).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(group(picked.getFirst(), sizes)).isZero();
    }

    @Test
    void cold_start_on_a_pool_of_copies_still_returns_as_many_items_as_asked() {
        List<float[]> pool = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pool.add(Blobs.axis(0));
        }

        assertThat(ColdStart.select(pool, 4, 1)).hasSize(4).doesNotHaveDuplicates();
        assertThat(ColdStart.select(List.of(), 4, 1)).isEmpty();
    }

    private static int group(int index, int[] sizes) {
        int g = 0;
        for (int end = sizes[0]; index >= end; end += sizes[++g]) {
            // walk to the group whose range holds the index
        }
        return g;
    }
}
