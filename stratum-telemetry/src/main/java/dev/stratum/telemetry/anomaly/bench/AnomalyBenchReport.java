package dev.stratum.telemetry.anomaly.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stratum.telemetry.anomaly.DetectorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The results of {@code stratum bench anomaly}: totals over all series, per-series results, and the detector's cost.
 *
 * @param seriesSkipped keys of the windows file with no file under the data directory
 * @param falsePositivesPerSeries the mean over series; the target is at most 1
 * @param nsPerObservation detector time per observation, parsing excluded, on this machine
 * @param coreShareAt200PerSecond the share of one core that one detector fed 200 observations a second would use
 */
public record AnomalyBenchReport(
        int seriesCount,
        int windowsTotal,
        int windowsDetected,
        int falsePositives,
        double recall,
        double precision,
        double falsePositivesPerSeries,
        long observations,
        double nsPerObservation,
        double coreShareAt200PerSecond,
        DetectorConfig config,
        List<String> seriesSkipped,
        List<SeriesResult> series) {
    public AnomalyBenchReport {
        seriesSkipped = List.copyOf(seriesSkipped);
        series = List.copyOf(series);
    }

    static AnomalyBenchReport of(DetectorConfig config, List<SeriesResult> series, List<String> skipped,
            long observations, double nsPerObservation) {
        int windows = series.stream().mapToInt(SeriesResult::windowsTotal).sum();
        int detected = series.stream().mapToInt(SeriesResult::windowsDetected).sum();
        int falsePositives = series.stream().mapToInt(SeriesResult::falsePositives).sum();
        int inWindows = series.stream().mapToInt(SeriesResult::alarmsInWindows).sum();
        double precision = inWindows + falsePositives == 0 ? 1 : (double) inWindows / (inWindows + falsePositives);
        return new AnomalyBenchReport(series.size(), windows, detected, falsePositives,
                windows == 0 ? 1 : (double) detected / windows, precision, (double) falsePositives / series.size(),
                observations, Math.round(nsPerObservation * 10) / 10.0,
                200 * nsPerObservation / 1e9, config, skipped, series);
    }

    public void printTable(PrintStream out) {
        out.printf("%-60s %9s %6s %6s%n", "series", "windows", "alarms", "FP");
        for (SeriesResult s : series) {
            out.printf("%-60s %4d/%-4d %6d %6d%n", s.series(), s.windowsDetected(), s.windowsTotal(), s.alarms(),
                    s.falsePositives());
        }
        out.printf("%-60s %4d/%-4d %6s %6d%n", "all " + seriesCount + " series", windowsDetected, windowsTotal, "",
                falsePositives);
        out.printf("recall %.3f  precision %.3f  false positives per series %.2f%n", recall, precision,
                falsePositivesPerSeries);
        out.printf("cost %.0f ns per observation (%d observations): %.4f %% of a core at 200 observations/s%n",
                nsPerObservation, observations, 100 * coreShareAt200PerSecond);
        if (!seriesSkipped.isEmpty()) {
            out.println("skipped (no file under the data directory): " + seriesSkipped.size() + " series");
        }
    }

    public void writeJson(Path file) {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .findAndAddModules()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        try {
            mapper.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + file, e);
        }
    }
}
