package dev.stratum.models.hyperlocal;

/**
 * Hyperparameters of {@link SoftmaxRegressionTrainer}.
 *
 * @param l2 the L2 penalty on the weights (not the biases), {@code l2 / 2 * |W|^2} added to the mean loss
 * @param epochs passes over the training data
 * @param minSteps the fewest optimiser steps, so that a few dozen examples still get trained long enough: when
 *     {@code epochs} passes make fewer steps, more passes are made
 * @param batchSize examples per step of Adam
 * @param learningRate Adam's initial step size, decayed to zero along a cosine over the run
 * @param classBalanced weight each example by {@code n / (classes present * examples of its class)}, so that a
 *     frequent label does not drown a rare one
 */
public record SoftmaxRegressionConfig(
        double l2, int epochs, int minSteps, int batchSize, double learningRate, boolean classBalanced) {

    /** Defaults for data never seen before; how they were chosen is in {@link SoftmaxRegressionTrainer}. */
    public static final SoftmaxRegressionConfig DEFAULTS = new SoftmaxRegressionConfig(1e-6, 4, 300, 32, 0.1, true);

    public SoftmaxRegressionConfig {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be 0 or a positive number, got " + l2);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (minSteps < 0) {
            throw new IllegalArgumentException("min_steps must be 0 or more, got " + minSteps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a positive number, got " + learningRate);
        }
    }

    public SoftmaxRegressionConfig withL2(double value) {
        return new SoftmaxRegressionConfig(value, epochs, minSteps, batchSize, learningRate, classBalanced);
    }

    public SoftmaxRegressionConfig withEpochs(int value) {
        return new SoftmaxRegressionConfig(l2, value, minSteps, batchSize, learningRate, classBalanced);
    }

    public SoftmaxRegressionConfig withLearningRate(double value) {
        return new SoftmaxRegressionConfig(l2, epochs, minSteps, batchSize, value, classBalanced);
    }

    public SoftmaxRegressionConfig withClassBalanced(boolean value) {
        return new SoftmaxRegressionConfig(l2, epochs, minSteps, batchSize, learningRate, value);
    }
}
