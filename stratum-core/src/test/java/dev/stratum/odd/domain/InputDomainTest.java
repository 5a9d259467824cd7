package dev.stratum.odd.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputDomainTest {
    /** In-domain inputs: similarity to the nearest example around 0.8, entropy around 0.3. */
    private record Inputs(double[] similarity, double[] entropy) {
        static Inputs draw(int n, long seed) {
            Random random = new Random(seed);
            double[] s = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.min(1, 0.8 + 0.06 * random.nextGaussian());
                h[i] = Math.abs(0.3 + 0.25 * random.nextGaussian());
            }
            return new Inputs(s, h);
        }
    }

    @Test
    void threshold_acceptsAbout95PercentOfInDomainCalibrationPoints() {
        Inputs calibration = Inputs.draw(2000, 1);
        InputDomain domain = InputDomain.calibrate(calibration.similarity(), calibration.entropy(), List.of(),
                new double[0], 0.01);

        double threshold = domain.threshold(0.95);

        assertThat(acceptedShare(domain, calibration, threshold)).isBetween(0.95, 0.955);
    }

    @Test
    void threshold_acceptsAbout95PercentOfFreshInDomainInputs() {
        Inputs calibration = Inputs.draw(2000, 1);
        InputDomain domain = InputDomain.calibrate(calibration.similarity(), calibration.entropy(), List.of(),
                new double[0], 0.01);

        assertThat(acceptedShare(domain, Inputs.draw(20_000, 2), domain.threshold(0.95))).isCloseTo(0.95,
                within(0.015));
    }

    @Test
    void score_inputFarFromEverythingAndUnsure_isAboveTheThreshold() {
        Inputs calibration = Inputs.draw(2000, 1);
        InputDomain domain = InputDomain.calibrate(calibration.similarity(), calibration.entropy(), List.of(),
                new double[0], 0.01);

        assertThat(domain.score(0.3, 2.0)).isGreaterThan(domain.threshold(0.95));
        assertThat(domain.score(0.8, 0.3)).isLessThan(domain.threshold(0.95));
    }

    @Test
    void threshold_fullAcceptanceOrTooFewPoints_acceptsEverything() {
        Inputs few = Inputs.draw(10, 3);
        InputDomain domain = InputDomain.calibrate(few.similarity(), few.entropy(), List.of(), new double[0], 0.01);

        assertThat(domain.threshold(1)).isInfinite();
        assertThat(domain.threshold(0.95)).isInfinite(); // ceil(11 * 0.95) = 11 > 10
    }

    @Test
    void requiredSimilarity_scoresExactlyAtTheThreshold() {
        Inputs calibration = Inputs.draw(500, 4);
        InputDomain domain = InputDomain.calibrate(calibration.similarity(), calibration.entropy(), List.of(),
                new double[0], 0.01);
        double threshold = domain.threshold(0.95);

        double needed = domain.requiredSimilarity(0.9, threshold);

        assertThat(domain.score(needed, 0.9)).isCloseTo(threshold, within(1e-9));
    }

    @Test
    void resemblesRejected_inputCloserToARejectedOneThanToAnyExample_isRefusedWithinTheBudget() {
        Inputs calibration = Inputs.draw(2000, 5);
        float[] rejected = {1, 0, 0};
        // Most in-domain inputs are far from the rejected one; a few come closer.
        double[] nearestRejected = new double[2000];
        Random random = new Random(6);
        for (int i = 0; i < nearestRejected.length; i++) {
            nearestRejected[i] = 0.4 + 0.15 * random.nextGaussian();
        }
        InputDomain domain = InputDomain.calibrate(calibration.similarity(), calibration.entropy(),
                List.of(rejected), nearestRejected, 0.01);

        assertThat(domain.nearestRejected(new float[] {0.96f, 0.28f, 0})).isCloseTo(0.96, within(1e-6));
        assertThat(domain.resemblesRejected(0.95, 0.6)).isTrue();
        assertThat(domain.resemblesRejected(0.5, 0.8)).isFalse();
        assertThat(domain.refusedByRejected()).isLessThanOrEqualTo(20);
        // The score threshold still accepts 95 % of the in-domain points overall.
        int accepted = 0;
        double threshold = domain.threshold(0.95);
        for (int i = 0; i < 2000; i++) {
            boolean refused = domain.resemblesRejected(nearestRejected[i], calibration.similarity()[i])
                    || domain.score(calibration.similarity()[i], calibration.entropy()[i]) > threshold;
            accepted += refused ? 0 : 1;
        }
        assertThat(accepted / 2000.0).isBetween(0.95, 0.955);
    }

    private static double acceptedShare(InputDomain domain, Inputs inputs, double threshold) {
        int accepted = 0;
        for (int i = 0; i < inputs.similarity().length; i++) {
            accepted += domain.score(inputs.similarity()[i], inputs.entropy()[i]) <= threshold ? 1 : 0;
        }
        return accepted / (double) inputs.similarity().length;
    }
}
