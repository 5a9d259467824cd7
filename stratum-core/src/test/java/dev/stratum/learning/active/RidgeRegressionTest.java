package dev.stratum.learning.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {
    @Test
    void small_penalty_recovers_a_linear_function_and_skips_missing_rows() {
        Random random = new Random(1);
        double[][] features = new double[200][];
        double[] targets = new double[200];
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 9) {
                targets[i] = 1e9; // a row without features must not count
                continue;
            }
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            features[i] = new double[] {a, b, a * b};
            targets[i] = 3 + 2 * a - 0.5 * b;
        }

        RidgeRegression fit = RidgeRegression.fit(features, targets, 1e-6);

        assertThat(fit.predict(new double[] {1, 1, 1})).isCloseTo(4.5, within(1e-3));
        assertThat(fit.predict(new double[] {0, 0, 0})).isCloseTo(3, within(1e-3));
    }

    @Test
    void large_penalty_shrinks_towards_the_mean() {
        double[][] features = {{0}, {1}, {2}, {3}};
        double[] targets = {0, 1, 2, 3};

        RidgeRegression fit = RidgeRegression.fit(features, targets, 1e6);

        assertThat(fit.predict(new double[] {3})).isCloseTo(1.5, within(1e-3));
    }
}
