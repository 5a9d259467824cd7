package dev.stratum.api;

/**
 * One question put to a generative model while answering a request, as the prediction records it.
 *
 * @param number 1, 2, 3... within the request
 * @param candidate which candidate (from 1) the attempt was for
 * @param answer the model's raw text, or null when the provider gave none
 * @param error why the answer was not used (the validation error, or the provider's failure), or null when it was
 * @param latencyMs how long the call took
 */
public record GenerationAttempt(int number, int candidate, String answer, String error, double latencyMs) {}
