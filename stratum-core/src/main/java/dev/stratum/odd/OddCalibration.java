package dev.stratum.odd;

import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.domain.InputDomain;
import dev.stratum.odd.uncertainty.TemperatureScaling;
import java.util.Map;
import java.util.Objects;

/**
 * What a task's examples say about its model, measured at training time by {@link OddCalibrator} and needed by
 * {@link OddGuard}: the temperature that calibrates its probabilities, the conformal scores behind its prediction
 * sets, and what in-domain inputs look like to the out-of-domain check. Independent of the policy's targets, so a
 * changed policy needs no recalibration; plain data, so it serialises to JSON as it is.
 *
 * @param examples how many validated examples it was measured on
 * @param folds how many folds of cross-fitting scored them
 * @param seed the seed of the folds, the models and the conformal tuning split
 * @param temperature see {@link TemperatureScaling}
 * @param metrics numbers measured on the out-of-fold predictions: {@code accuracy}, {@code nll} and {@code ece}
 *     before and after temperature scaling ({@code nll_calibrated}, {@code ece_calibrated}),
 *     {@code mean_set_size} and {@code coverage} of the prediction sets at the reference coverage
 *     {@code reference_coverage}
 */
public record OddCalibration(int examples, int folds, long seed, double temperature, AdaptivePredictionSets conformal,
        InputDomain domain, Map<String, Double> metrics) {
    public OddCalibration {
        Objects.requireNonNull(conformal, "conformal");
        Objects.requireNonNull(domain, "domain");
        metrics = Map.copyOf(metrics);
        new TemperatureScaling(temperature); // validates
    }

    public TemperatureScaling scaling() {
        return new TemperatureScaling(temperature);
    }
}
