/**
 * Error analysis of a task's validated examples: {@link dev.stratum.learning.errors.LabelErrorFinder} ranks every
 * example by its out-of-fold loss, worst first, with the label the model would give it instead, and flags the likely
 * label errors by confident-learning thresholds.
 */
package dev.stratum.learning.errors;
