/**
 * The general layer: a local sentence encoder ({@link dev.stratum.models.general.MiniLmEmbeddingModel}) and the
 * zero-shot classifier that compares a text's vector with the vectors of the task's label descriptions.
 */
package dev.stratum.models.general;
