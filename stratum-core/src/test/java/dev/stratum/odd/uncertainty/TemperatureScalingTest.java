package dev.stratum.odd.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.models.Distribution;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
    /** A problem with known truth: labels drawn from softmax(z), and a model that reports softmax(z * sharpness). */
    private record Toy(double[][] reported, int[] truth) {
        static Toy of(double sharpness, int n, long seed) {
            Random random = new Random(seed);
            int classes = 5;
            double[][] reported = new double[n][];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                double[] z = new double[classes];
                for (int c = 0; c < classes; c++) {
                    z[c] = random.nextGaussian() * 1.5;
                }
                truth[i] = draw(softmax(z, 1), random);
                reported[i] = softmax(z, sharpness);
            }
            return new Toy(reported, truth);
        }
    }

    @Test
    void fit_overConfidentModel_findsItsSharpnessAndLowersTheNll() {
        Toy toy = Toy.of(3, 20_000, 1);

        TemperatureScaling scaling = TemperatureScaling.fit(toy.reported(), toy.truth());

        assertThat(scaling.temperature()).isCloseTo(3, within(0.3));
        assertThat(TemperatureScaling.nll(toy.reported(), toy.truth(), scaling.temperature()))
                .isLessThan(TemperatureScaling.nll(toy.reported(), toy.truth(), 1) - 0.1);
    }

    @Test
    void fit_underConfidentModel_sharpensIt() {
        Toy toy = Toy.of(0.5, 20_000, 2);

        TemperatureScaling scaling = TemperatureScaling.fit(toy.reported(), toy.truth());

        assertThat(scaling.temperature()).isCloseTo(0.5, within(0.06));
    }

    @Test
    void fit_calibratedModel_leavesItAlmostAlone() {
        Toy toy = Toy.of(1, 20_000, 3);

        assertThat(TemperatureScaling.fit(toy.reported(), toy.truth()).temperature()).isCloseTo(1, within(0.1));
    }

    @Test
    void apply_keepsTheOrderOfLabelsAndTheirZeros() {
        Distribution d = Distribution.of(List.of("a", "b", "c", "d"), new double[] {0.6, 0.3, 0.1, 0});

        Distribution softer = new TemperatureScaling(2).apply(d);

        assertThat(softer.scores().stream().map(s -> s.label()).toList()).containsExactly("a", "b", "c", "d");
        assertThat(softer.confidence()).isLessThan(0.6);
        assertThat(softer.probability("d")).isZero();
        assertThat(softer.scores().stream().mapToDouble(s -> s.score()).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    void create_temperatureOutOfRange_namesTheRange() {
        assertThatThrownBy(() -> new TemperatureScaling(0))
                .hasMessage("temperature must be between 0.05 and 20.0, got 0.0");
    }

    static double[] softmax(double[] z, double sharpness) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v * sharpness);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] * sharpness - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    static int draw(double[] p, Random random) {
        double u = random.nextDouble();
        for (int c = 0; c < p.length; c++) {
            u -= p[c];
            if (u < 0) {
                return c;
            }
        }
        return p.length - 1;
    }
}
