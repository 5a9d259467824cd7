/**
 * The specific layer: a second, stronger local encoder ({@link dev.stratum.models.specific.BgeSmallEmbeddingModel})
 * and the combined encoder that joins it with the general one
 * ({@link dev.stratum.models.specific.LayeredEncoders#generalAndSpecific()}), whose vectors the hyperlocal layer
 * learns from.
 */
package dev.stratum.models.specific;
