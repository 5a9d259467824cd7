package dev.stratum.api.analysis;

/** Two validated examples that are near-duplicates (cosine {@code similarity}) but carry different labels. */
public record DuplicatePair(double similarity, AnalysedExample first, AnalysedExample second) {}
