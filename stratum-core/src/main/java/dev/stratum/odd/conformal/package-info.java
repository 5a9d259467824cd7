/**
 * Split conformal prediction for classifiers: {@link dev.stratum.odd.conformal.AdaptivePredictionSets} turns a
 * calibrated distribution into the smallest set of labels that contains the true one with a chosen probability,
 * regularised adaptive prediction sets (RAPS, Angelopoulos et al. 2021).
 */
package dev.stratum.odd.conformal;
