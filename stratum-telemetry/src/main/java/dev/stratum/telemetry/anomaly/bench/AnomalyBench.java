package dev.stratum.telemetry.anomaly.bench;

import dev.stratum.telemetry.anomaly.Anomaly;
import dev.stratum.telemetry.anomaly.DetectorConfig;
import dev.stratum.telemetry.anomaly.SeriesDetector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link SeriesDetector} configuration over every series named in a NAB windows file and found under the
 * data directory, and scores the anomalies by window. Also measures the detector's cost per observation.
 */
public final class AnomalyBench {
    private AnomalyBench() {}

    /**
     * Runs the benchmark.
     *
     * @param dataDir the directory the windows file's keys are relative to (NAB's {@code data/})
     * @param progress where one line per series goes
     * @throws IllegalArgumentException when a file is unreadable or no series of the windows file is under dataDir
     */
    public static AnomalyBenchReport run(Path dataDir, Path windowsFile, DetectorConfig config, PrintStream progress) {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("data directory " + dataDir + " does not exist; pass the folder the "
                    + "windows file's keys are relative to (NAB's data/)");
        }
        if (!Files.isRegularFile(windowsFile)) {
            throw new IllegalArgumentException("windows file " + windowsFile + " does not exist; pass NAB's "
                    + "labels/combined_windows.json or a file of the same form");
        }
        Map<String, List<NabFiles.Window>> windows = NabFiles.windows(windowsFile);
        List<SeriesResult> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        long observations = 0;
        long detectorNanos = 0;
        for (Map.Entry<String, List<NabFiles.Window>> entry : windows.entrySet()) {
            Path file = dataDir.resolve(entry.getKey()).normalize();
            if (!file.startsWith(dataDir.normalize()) || !Files.isRegularFile(file)) {
                missing.add(entry.getKey());
                continue;
            }
            NabFiles.Series series = NabFiles.series(file);
            SeriesDetector detector = new SeriesDetector(entry.getKey(), config);
            List<Anomaly> anomalies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < series.size(); i++) {
                detector.observe(Instant.ofEpochMilli(series.times()[i]), series.values()[i]).ifPresent(anomalies::add);
            }
            detectorNanos += System.nanoTime() - start;
            observations += series.size();
            int probation = (int) Math.floor(WindowScoring.PROBATION * series.size());
            Instant probationEnd = series.size() == 0 ? Instant.MAX
                    : Instant.ofEpochMilli(series.times()[Math.min(probation, series.size() - 1)]);
            SeriesResult result = WindowScoring.score(entry.getKey(), series.size(), probationEnd, detector.period(),
                    entry.getValue(), anomalies);
            results.add(result);
            progress.printf("%-60s windows %d/%d  false positives %d%n", entry.getKey(), result.windowsDetected(),
                    result.windowsTotal(), result.falsePositives());
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("none of the " + windows.size() + " series named in " + windowsFile
                    + " is under " + dataDir + "; pass the directory its keys (for example "
                    + windows.keySet().stream().findFirst().orElse("realKnownCause/nyc_taxi.csv")
                    + ") are relative to");
        }
        double nsPerObservation = observations == 0 ? 0 : (double) detectorNanos / observations;
        return AnomalyBenchReport.of(config, results, missing, observations, nsPerObservation);
    }
}
