package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a task does: classify texts into its taxonomy, or generate an output (JSON) for an input by following its
 * instructions, with a language model as the general layer and validated examples as few-shot memory.
 */
public enum TaskKind {
    CLASSIFICATION,
    GENERATION;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static TaskKind parse(String value) {
        return WireNames.parse(values(), value, "invalid_task_kind", "task kind");
    }
}
