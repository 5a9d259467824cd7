package dev.stratum.api.store;

/** An example found near a query vector, with its cosine similarity to the query. */
public record Neighbour(long exampleId, String label, float similarity) {}
