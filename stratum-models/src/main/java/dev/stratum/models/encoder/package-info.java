/**
 * Sentence encoders run in process: {@link dev.stratum.models.encoder.OnnxSentenceEncoder} runs a BERT-style ONNX
 * model through ONNX Runtime with length-sorted, dynamically padded batches, and
 * {@link dev.stratum.models.encoder.ConcatenatedEmbeddingModel} joins several encoders into one vector. The general
 * and specific layers build their encoders from these.
 */
package dev.stratum.models.encoder;
