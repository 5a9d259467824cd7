package dev.stratum.learning.active.bench;

/** One point of a learning curve: the test accuracy of the model trained on {@code labels} labelled examples. */
public record CurvePoint(int labels, double accuracy) {}
