package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledDataTest {
    @TempDir
    Path dir;

    @Test
    void sample_takesKPerLabel_andAllOfALabelWithFewer() throws IOException {
        LabelledData data = data();

        List<Integer> rows = data.sample(3, 1);

        Map<String, Long> perLabel = rows.stream()
                .collect(Collectors.groupingBy(data.labels()::get, Collectors.counting()));
        assertThat(perLabel).containsEntry("a", 3L).containsEntry("b", 3L).containsEntry("c", 1L);
        assertThat(rows).isSorted();
    }

    @Test
    void sample_sameSeedSameRows_otherSeedOtherRows() throws IOException {
        LabelledData data = data();

        assertThat(data.sample(3, 7)).isEqualTo(data.sample(3, 7));
        assertThat(data.sample(3, 7)).isNotEqualTo(data.sample(3, 8));
    }

    @Test
    void read_skipsUnusableRows_andCountsThem() throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), "text,label\nfine,a\n,a\nno label,\n");

        LabelledData data = LabelledData.read(file, null, null);

        assertThat(data.texts()).containsExactly("fine");
        assertThat(data.skipped()).isEqualTo(2);
        assertThat(data.labelSpace()).containsExactly("a");
    }

    private LabelledData data() throws IOException {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append("a text ").append(i).append(",a\n").append("b text ").append(i).append(",b\n");
        }
        csv.append("c text,c\n");
        LabelledData data = LabelledData.read(Files.writeString(dir.resolve("d.csv"), csv), null, null);
        assertThat(data.labelSpace()).containsExactly("a", "b", "c");
        assertThat(data.labels().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsEntry("a", 20L);
        return data;
    }
}
