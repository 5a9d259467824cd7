package dev.stratum.api.analysis;

/** A validated example near an input, with its cosine similarity to it. */
public record NearExample(long exampleId, String text, String label, double similarity) {}
