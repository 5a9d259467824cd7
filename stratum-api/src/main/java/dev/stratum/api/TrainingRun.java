package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/** The state of a task's most recent (or running) training. */
public record TrainingRun(
        String taskId, Status status, String trigger, Instant startedAt, Instant finishedAt, String modelVersionId,
        String error) {

    /** Where a training run is. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
