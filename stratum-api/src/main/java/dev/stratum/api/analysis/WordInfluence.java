package dev.stratum.api.analysis;

/**
 * How much one word drives a prediction: {@code drop} is the fall in the predicted label's probability when the word
 * is left out of the text (negative when the label gains without it).
 */
public record WordInfluence(String word, double drop) {}
