package dev.stratum.odd.conformal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptivePredictionSetsTest {
    private static final int CLASSES = 10;

    /** Predictions of a model that reports softmax(z * sharpness) while labels follow softmax(z). */
    private record Sample(double[][] p, int[] truth, double[] noise) {
        static Sample of(int n, double sharpness, long seed) {
            Random random = new Random(seed);
            double[][] p = new double[n][];
            int[] truth = new int[n];
            double[] noise = new double[n];
            for (int i = 0; i < n; i++) {
                double[] z = new double[CLASSES];
                for (int c = 0; c < CLASSES; c++) {
                    z[c] = random.nextGaussian() * 2;
                }
                truth[i] = draw(softmax(z, 1), random);
                p[i] = softmax(z, sharpness);
                noise[i] = random.nextDouble();
            }
            return new Sample(p, truth, noise);
        }
    }

    @ParameterizedTest(name = "coverage {0}, model sharpness {1}")
    @CsvSource({"0.90, 1", "0.95, 1", "0.90, 3", "0.95, 3", "0.95, 0.5"})
    void tune_heldOutData_coversWithin1point5OfTheTarget(double target, double sharpness) {
        Sample calibration = Sample.of(3000, sharpness, 1);
        Sample test = Sample.of(20_000, sharpness, 2);

        AdaptivePredictionSets sets = AdaptivePredictionSets.tune(calibration.p(), calibration.truth(),
                calibration.noise(), target, 5);
        double threshold = sets.threshold(target);
        int covered = 0;
        for (int i = 0; i < test.truth().length; i++) {
            covered += sets.contains(test.p()[i], test.truth()[i], threshold, test.noise()[i], false) ? 1 : 0;
        }

        assertThat(covered / (double) test.truth().length).isCloseTo(target, within(0.015));
        assertThat(sets.calibrationSize()).isEqualTo(2100); // 30 % of the examples tuned the penalty
    }

    @Test
    void predictionSet_distribution_matchesTheArrayForm() {
        Sample sample = Sample.of(500, 1, 3);
        AdaptivePredictionSets sets = AdaptivePredictionSets.calibrate(sample.p(), sample.truth(), sample.noise(),
                0.1, 1);
        double threshold = sets.threshold(0.9);
        List<String> labels = java.util.stream.IntStream.range(0, CLASSES).mapToObj(c -> "l" + c).toList();
        for (int i = 0; i < 50; i++) {
            Distribution d = Distribution.of(labels, sample.p()[i]);
            List<LabelScore> set = sets.predictionSet(d, threshold, sample.noise()[i], false);

            assertThat(set).hasSize(sets.setSize(sample.p()[i], threshold, sample.noise()[i], false));
            for (int c = 0; c < CLASSES; c++) {
                String label = labels.get(c);
                boolean inSet = set.stream().anyMatch(s -> s.label().equals(label));
                assertThat(inSet).isEqualTo(sets.contains(sample.p()[i], c, threshold, sample.noise()[i], false));
            }
        }
    }

    @Test
    void threshold_tooFewExamplesForTheCoverage_isInfinite() {
        Sample sample = Sample.of(10, 1, 4);
        AdaptivePredictionSets sets = AdaptivePredictionSets.tune(sample.p(), sample.truth(), sample.noise(), 0.95, 1);

        // ceil((10 + 1) * 0.95) = 11 > 10: no finite threshold can promise 95 %.
        assertThat(sets.threshold(0.95)).isInfinite();
        assertThat(sets.threshold(0.9)).isFinite();
    }

    @Test
    void predictionSet_confidentTopAboveTheThreshold_isEmptyUnlessTheTopIsKept() {
        AdaptivePredictionSets sets = new AdaptivePredictionSets(0, 1, new float[] {0.5f});
        Distribution sure = Distribution.of(List.of("a", "b"), new double[] {0.99, 0.01});

        assertThat(sets.predictionSet(sure, 0.5, 0.9, false)).isEmpty();
        assertThat(sets.predictionSet(sure, 0.5, 0.9, true)).extracting(LabelScore::label).containsExactly("a");
    }

    @Test
    void noise_sameEmbedding_sameValue_andSpreadEvenly() {
        Random random = new Random(9);
        double sum = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            float[] v = new float[8];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            double u = AdaptivePredictionSets.noise(v);
            assertThat(u).isBetween(0.0, 1.0).isNotEqualTo(1.0);
            assertThat(AdaptivePredictionSets.noise(v.clone())).isEqualTo(u);
            sum += u;
        }
        assertThat(sum / n).isCloseTo(0.5, within(0.01));
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
