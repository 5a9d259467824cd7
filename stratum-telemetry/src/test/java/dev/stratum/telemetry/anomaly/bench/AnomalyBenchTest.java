package dev.stratum.telemetry.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.telemetry.anomaly.Anomaly;
import dev.stratum.telemetry.anomaly.DetectorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyBenchTest {
    private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 1, 1, 0, 0);

    @TempDir
    Path dir;

    @Test
    void scoring_countsWindowsHitAndFalsePositivesOutsideProbation() {
        Instant t0 = T0.toInstant(ZoneOffset.UTC);
        List<NabFiles.Window> windows = List.of(
                new NabFiles.Window(t0.plusSeconds(100), t0.plusSeconds(200)),
                new NabFiles.Window(t0.plusSeconds(500), t0.plusSeconds(600)));
        List<Anomaly> anomalies = List.of(
                anomaly(t0.plusSeconds(10)), // probation: not judged
                anomaly(t0.plusSeconds(150)), // first window
                anomaly(t0.plusSeconds(200)), // first window again, at its inclusive end
                anomaly(t0.plusSeconds(300))); // nowhere: false positive

        SeriesResult result = WindowScoring.score("s.csv", 1000, t0.plusSeconds(50), 0, windows, anomalies);

        assertThat(result.windowsDetected()).isEqualTo(1);
        assertThat(result.falsePositives()).isEqualTo(1);
        assertThat(result.alarmsInWindows()).isEqualTo(2);
        assertThat(result.precision()).isEqualTo(2 / 3.0);
        assertThat(result.recall()).isEqualTo(0.5);
        assertThat(result.windows().get(0).firstAlarm()).isEqualTo(t0.plusSeconds(150));
        assertThat(result.windows().get(1).firstAlarm()).isNull();
    }

    @Test
    void bench_onATinyNabLayout_findsThePlantedShiftAndWritesTheJsonKeys() throws IOException {
        Files.createDirectories(dir.resolve("synthetic"));
        writeSeries(dir.resolve("synthetic/shift.csv"), 3000, 2000, 8);
        writeSeries(dir.resolve("synthetic/flat.csv"), 3000, -1, 0);
        Path windows = dir.resolve("windows.json");
        Files.writeString(windows, "{\"synthetic/shift.csv\": [[\"" + stamp(1950) + ".000000\", \"" + stamp(2100)
                + ".000000\"]], \"synthetic/flat.csv\": [], \"synthetic/absent.csv\": []}");
        Path out = dir.resolve("out.json");

        AnomalyBenchReport report = AnomalyBench.run(dir, windows, DetectorConfig.DEFAULTS, QUIET);
        report.writeJson(out);

        assertThat(report.seriesCount()).isEqualTo(2);
        assertThat(report.windowsTotal()).isEqualTo(1);
        assertThat(report.windowsDetected()).isEqualTo(1);
        assertThat(report.falsePositives()).isZero();
        assertThat(report.seriesSkipped()).containsExactly("synthetic/absent.csv");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.has("series_count")).isTrue();
        assertThat(json.path("windows_total").asInt()).isEqualTo(1);
        assertThat(json.path("windows_detected").asInt()).isEqualTo(1);
        assertThat(json.path("false_positives").asInt()).isZero();
        assertThat(json.path("series").get(0).path("windows").get(0).path("first_alarm").asText())
                .startsWith("2026-01-0");
    }

    @Test
    void bench_whenNoSeriesIsUnderTheDirectory_saysWhichDirectoryToPass() throws IOException {
        Path windows = dir.resolve("windows.json");
        Files.writeString(windows, "{\"realKnownCause/nyc_taxi.csv\": []}");

        assertThatThrownBy(() -> AnomalyBench.run(dir, windows, DetectorConfig.DEFAULTS, QUIET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realKnownCause/nyc_taxi.csv")
                .hasMessageContaining("relative to");
    }

    @Test
    void series_withoutTheNabHeader_isRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "time,v\n2026-01-01 00:00:00,1\n");

        assertThatThrownBy(() -> NabFiles.series(file)).hasMessageContaining("bad.csv").hasMessageContaining("header");
    }

    private static Anomaly anomaly(Instant at) {
        return new Anomaly("s", Anomaly.Kind.SPIKE, at, 1, 10, 1);
    }

    private static String stamp(int i) {
        return T0.plusMinutes(5L * i).format(NAB);
    }

    private static void writeSeries(Path file, int n, int shiftAt, double shift) throws IOException {
        Random random = new Random(file.getFileName().toString().hashCode());
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < n; i++) {
            double value = 50 + random.nextGaussian() + (shiftAt >= 0 && i >= shiftAt ? shift : 0);
            csv.append(stamp(i)).append(',').append(value).append('\n');
        }
        Files.writeString(file, csv);
    }
}
