package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMarkdownTest {
    @TempDir
    Path dir;

    @Test
    void classify_rendersBlendHeadAndMemoryPerSettingInPercent() throws IOException {
        Path report = Files.writeString(dir.resolve("c.json"), """
                {"encoder": "bge-small-en-v1.5-q",
                 "settings": [
                   {"shots": "10", "train_size_mean": 770, "accuracy_mean": 0.87123, "accuracy_std": 0.0051,
                    "head_accuracy_mean": 0.86, "memory_accuracy_mean": 0.85, "train_seconds_mean": 0.3,
                    "index_seconds_mean": 0.2},
                   {"shots": "all", "train_size_mean": 10003, "accuracy_mean": 0.9412, "accuracy_std": 0.0,
                    "head_accuracy_mean": 0.93, "memory_accuracy_mean": 0.936, "train_seconds_mean": 1.5,
                    "index_seconds_mean": 2.0}],
                 "predict_latency_ms": {"p50": 4.2, "p99": 9.1, "embed_p50": 3.1, "hyperlocal_p50": 0.9},
                 "zero_shot_accuracy": 0.6}
                """);

        String table = BenchMarkdown.classify(List.of(report));

        assertThat(table).contains("| encoder | part | 10-shot | all |")
                .contains("| bge-small-en-v1.5-q | blend | 87.12 ± 0.51 | 94.12 ± 0.00 |")
                .contains("| bge-small-en-v1.5-q | memory alone | 85.00 | 93.60 |");
        assertThat(BenchMarkdown.timings(List.of(report)))
                .contains("| bge-small-en-v1.5-q | all | 10,003 | 1.50 | 2.00 |")
                .contains("| bge-small-en-v1.5-q | 4.20 | 9.10 | 3.10 | 0.900 | 0.6000 |");
    }
}
