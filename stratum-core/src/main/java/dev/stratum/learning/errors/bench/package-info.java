/**
 * {@code stratum bench noise}: {@link dev.stratum.learning.errors.bench.NoiseBench} flips a share of a training file's
 * labels at random and measures how well {@link dev.stratum.learning.errors.LabelErrorFinder} finds them, and what
 * removing or correcting what it finds does to test accuracy.
 */
package dev.stratum.learning.errors.bench;
