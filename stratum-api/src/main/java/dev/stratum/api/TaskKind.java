package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a task does: classify texts into its taxonomy, or generate an output (JSON) for an input by following its
 * instructions, with a language model as the general layer and validated examples as few-shot memory.
 */
public enum TaskKind {
    CLASSIFICATION,
    GENERATION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TaskKind parse(String value) {
        for (TaskKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return kind;
            }
        }
        throw new InvalidRequestException("invalid_task_kind", "task kind '" + value + "' is not known; use one of "
                + Arrays.stream(values()).map(TaskKind::wireName).toList());
    }
}
