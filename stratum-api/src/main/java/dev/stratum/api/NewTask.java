package dev.stratum.api;

import java.util.List;

/**
 * What a caller gives to create a task; settings may be null for the defaults.
 *
 * @param kind null for classification
 * @param instructions what a generation task produces; null for classification
 */
public record NewTask(String id, String name, List<Label> labels, TaskSettings settings, TaskKind kind,
        String instructions) {
    /** A classification task. */
    public NewTask(String id, String name, List<Label> labels, TaskSettings settings) {
        this(id, name, labels, settings, TaskKind.CLASSIFICATION, null);
    }

    public NewTask {
        kind = kind == null ? TaskKind.CLASSIFICATION : kind;
    }
}
