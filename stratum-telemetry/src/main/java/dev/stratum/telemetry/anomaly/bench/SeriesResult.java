package dev.stratum.telemetry.anomaly.bench;

import java.time.Instant;
import java.util.List;

/**
 * How the detectors did on one series.
 *
 * @param series the path relative to the data directory, as in the windows file
 * @param period the seasonal period the detector found, in observations (0: none)
 * @param alarms every anomaly reported, probation included
 * @param alarmsInWindows reported anomalies that fall inside a labelled window
 * @param falsePositives reported anomalies after the probationary period that fall in no window
 * @param precision alarmsInWindows over (alarmsInWindows + falsePositives); 1 when there are neither
 * @param recall windowsDetected over windowsTotal; 1 for a series without windows
 */
public record SeriesResult(
        String series,
        int observations,
        int period,
        int windowsTotal,
        int windowsDetected,
        int alarms,
        int alarmsInWindows,
        int falsePositives,
        double precision,
        double recall,
        List<WindowResult> windows,
        List<Alarm> alarmList) {
    public SeriesResult {
        windows = List.copyOf(windows);
        alarmList = List.copyOf(alarmList);
    }

    /** One labelled window and the first alarm inside it, or null. */
    public record WindowResult(Instant start, Instant end, Instant firstAlarm) {}

    /** One reported anomaly and where it fell. */
    public record Alarm(Instant at, String kind, double score, boolean inWindow, boolean probation) {}
}
