/**
 * The hyperlocal layer: what Stratum learns from one task's own validated examples. A softmax-regression head
 * trained on their embeddings ({@link dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer}), a similarity-weighted
 * vote of the nearest stored examples ({@link dev.stratum.models.hyperlocal.NearestNeighbourVote}), and the model
 * that blends the two ({@link dev.stratum.models.hyperlocal.HyperlocalModel}).
 */
package dev.stratum.models.hyperlocal;
