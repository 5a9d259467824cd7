package dev.stratum.api;

/** A label with the probability a model gives it. */
public record LabelScore(String label, double score) {}
