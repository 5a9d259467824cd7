package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchAnomaly_onANabLayout_printsTheTableAndWritesJson() throws IOException {
        Files.createDirectories(dir.resolve("set"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2000; i++) {
            csv.append(String.format("2026-01-%02d %02d:%02d:00,%f%n", 1 + i / 288, (i % 288) / 12, (i % 12) * 5,
                    10 + random.nextGaussian()));
        }
        Files.writeString(dir.resolve("set/a.csv"), csv);
        Files.writeString(dir.resolve("windows.json"), "{\"set/a.csv\": []}");
        Path out = dir.resolve("out.json");
        StringWriter stdout = new StringWriter();

        int code = Main.run(new PrintWriter(stdout), new PrintWriter(new StringWriter()), "bench", "anomaly",
                "--data", dir.toString(), "--windows", dir.resolve("windows.json").toString(), "--out", out.toString());

        assertThat(code).isZero();
        assertThat(stdout.toString()).contains("set/a.csv").contains("ns per observation");
        assertThat(Files.readString(out)).contains("\"series_count\" : 1").contains("\"false_positives\" : 0");
    }

    @Test
    void benchAnomaly_missingDirectory_isAUsageError() {
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "bench",
                "anomaly", "--data", dir.resolve("nope").toString(), "--windows", "w.json");

        assertThat(code).isEqualTo(Main.EXIT_USAGE);
    }
}
