package dev.stratum.api.analysis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Where the background analysis behind an answer stands. The out-of-fold analysis of a task trains one model per fold,
 * so it runs in the background, once per model version and data fingerprint; until it is ready, answers carry its
 * progress and, when there is one, the previous analysis's results.
 *
 * @param done steps finished (fold trainings, and the duplicate search)
 * @param total steps in all
 * @param modelVersion the version that served when the analysis started, or null for a task not trained yet
 * @param dataFingerprint SHA-256 over the analysed examples' texts and labels, as a version's provenance has it
 * @param examples how many examples were analysed
 * @param finishedAt null until it has finished
 * @param message why it failed, or null
 */
public record AnalysisRun(Status status, int done, int total, String modelVersion, String dataFingerprint,
        int examples, Instant startedAt, Instant finishedAt, String message) {

    /** The state of an analysis. */
    public enum Status {
        COMPUTING,
        READY,
        FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
