package dev.stratum.telemetry.anomaly.bench;

import dev.stratum.telemetry.anomaly.Anomaly;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores reported anomalies against labelled windows, as NAB counts them: a window is detected when at least one
 * anomaly falls inside it (ends included); an anomaly inside no window is a false positive, except during the
 * probationary period (NAB's first 15 % of each series), where a detector is still learning and is not judged.
 */
final class WindowScoring {
    /** NAB's probationary share of each series. */
    static final double PROBATION = 0.15;

    private WindowScoring() {}

    static SeriesResult score(String series, int observations, Instant probationEnd, int period,
            List<NabFiles.Window> windows, List<Anomaly> anomalies) {
        Instant[] first = new Instant[windows.size()];
        List<SeriesResult.Alarm> alarms = new ArrayList<>();
        int inWindows = 0;
        int falsePositives = 0;
        for (Anomaly anomaly : anomalies) {
            boolean inside = false;
            for (int w = 0; w < windows.size(); w++) {
                if (windows.get(w).contains(anomaly.at())) {
                    inside = true;
                    if (first[w] == null) {
                        first[w] = anomaly.at();
                    }
                }
            }
            boolean probation = anomaly.at().isBefore(probationEnd);
            if (inside) {
                inWindows++;
            } else if (!probation) {
                falsePositives++;
            }
            alarms.add(new SeriesResult.Alarm(anomaly.at(), anomaly.kind().name().toLowerCase(java.util.Locale.ROOT),
                    Math.round(anomaly.score() * 100) / 100.0, inside, probation));
        }
        List<SeriesResult.WindowResult> results = new ArrayList<>();
        int detected = 0;
        for (int w = 0; w < windows.size(); w++) {
            results.add(new SeriesResult.WindowResult(windows.get(w).start(), windows.get(w).end(), first[w]));
            if (first[w] != null) {
                detected++;
            }
        }
        double precision = inWindows + falsePositives == 0 ? 1 : (double) inWindows / (inWindows + falsePositives);
        double recall = windows.isEmpty() ? 1 : (double) detected / windows.size();
        return new SeriesResult(series, observations, period, windows.size(), detected, anomalies.size(), inWindows,
                falsePositives, precision, recall, results, alarms);
    }
}
