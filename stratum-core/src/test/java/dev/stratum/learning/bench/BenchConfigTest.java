package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConfigTest {
    @TempDir
    Path dir;

    @Test
    void create_shotsThatAreNeitherANumberNorAll_throwsWithAnExample() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "text,label\nx,y\n");

        assertThatThrownBy(() -> BenchConfig.of(file, file, List.of("10", "most"), 3))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'most'")
                .hasMessageContaining("10,30,all");
    }

    @Test
    void create_missingTrainingFile_throwsNamingThePath() {
        Path missing = dir.resolve("nope.csv");

        assertThatThrownBy(() -> BenchConfig.of(missing, missing, List.of("all"), 1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("--train file")
                .hasMessageContaining("nope.csv");
    }

    @Test
    void create_normalisesAndDeduplicatesShots() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "text,label\nx,y\n");

        BenchConfig config = BenchConfig.of(file, file, List.of(" ALL", "10", "all"), 1);

        assertThat(config.shots()).containsExactly("all", "10");
        assertThat(BenchConfig.perLabel("10")).isEqualTo(10);
        assertThat(BenchConfig.perLabel("all")).isEqualTo(Integer.MAX_VALUE);
    }
}
