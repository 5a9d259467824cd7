package dev.stratum.api;

/** What a task does. Classification is the first kind; generation with validated outputs comes later. */
public enum TaskKind {
    CLASSIFICATION
}
