/**
 * The nearest-neighbour memory of the hyperlocal model: {@link dev.stratum.store.vector.LuceneVectorIndex}, a
 * {@link dev.stratum.api.store.VectorIndex} on Lucene's HNSW graphs, one index directory per encoder.
 */
package dev.stratum.store.vector;
