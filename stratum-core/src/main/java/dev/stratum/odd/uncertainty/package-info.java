/**
 * How sure a classifier is, and whether its probabilities can be taken at their word: an ensemble of heads with
 * entropy, margin and BALD mutual information ({@link dev.stratum.odd.uncertainty.HeadEnsemble},
 * {@link dev.stratum.odd.uncertainty.Uncertainty}), temperature scaling fitted on held-out examples
 * ({@link dev.stratum.odd.uncertainty.TemperatureScaling}) and the expected calibration error
 * ({@link dev.stratum.odd.uncertainty.CalibrationError}).
 */
package dev.stratum.odd.uncertainty;
