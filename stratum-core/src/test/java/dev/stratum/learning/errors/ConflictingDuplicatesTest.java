package dev.stratum.learning.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.learning.active.Blobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictingDuplicatesTest {

    @Test
    void should_find_only_near_identical_pairs_whose_labels_differ() {
        Blobs blobs = new Blobs(3);
        List<float[]> x = new ArrayList<>(blobs.near(Blobs.axis(0), 0.3, 6));
        List<String> y = new ArrayList<>(List.of("a", "a", "a", "b", "b", "b"));
        x.add(blobs.near(x.get(1), 0.001));
        y.add("b");
        x.add(blobs.near(x.get(4), 0.001));
        y.add("b");
        List<Integer> rows = new ArrayList<>();

        List<ConflictingDuplicates.Conflict> conflicts = ConflictingDuplicates.find(x, y, 0.985, rows::add);

        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.getFirst().first()).isEqualTo(1);
        assertThat(conflicts.getFirst().second()).isEqualTo(6);
        assertThat(conflicts.getFirst().similarity()).isGreaterThan(0.985);
        assertThat(rows).containsExactly(8);
    }
}
