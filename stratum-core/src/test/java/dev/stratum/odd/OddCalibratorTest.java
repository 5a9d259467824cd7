package dev.stratum.odd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OddCalibratorTest {
    /**
     * Eight overlapping classes: a model right about two times in three, so the sets have work to do.
     */
    private static final SyntheticClusters CLUSTERS = new SyntheticClusters(8, 16, 2.0, 21);
    private static final TrainingSet TRAIN = CLUSTERS.trainingSet(200, 1);
    private static final OddCalibrator CALIBRATOR = OddCalibrator.hyperlocal(new SoftmaxRegressionTrainer(),
            HyperlocalConfig.DEFAULTS, OddCalibrator.Settings.DEFAULTS);

    private static OddCalibration calibration;

    @BeforeAll
    static void calibrate() {
        calibration = CALIBRATOR.calibrate(TRAIN);
    }

    /**
     * Coverage averaged over three independent draws of training and held-out data: one draw of a few thousand
     * calibration examples can land a point or two off by chance (the examples drawn are easier or harder than the
     * next), which is what conformal prediction promises only on average over draws.
     */
    @Test
    void calibrate_heldOutExamples_coverWithin1point5OfTheTargetOnAverage() {
        double[] targets = {0.90, 0.95};
        double[] coverage = new double[targets.length];
        double accuracy = 0;
        int draws = 3;
        for (int draw = 0; draw < draws; draw++) {
            TrainingSet train = CLUSTERS.trainingSet(300, 10 + draw);
            TrainingSet heldOut = CLUSTERS.trainingSet(600, 20 + draw);
            OddCalibration c = CALIBRATOR.calibrate(train);
            HyperlocalModel m = HyperlocalModel.create(train.labels(), new SoftmaxRegressionTrainer().train(train, 0),
                    NeighbourLookup.NONE);
            ExactNeighbourSearch search = ExactNeighbourSearch.of(train.x(), train.y());
            List<List<Neighbour>> neighbours = search.nearestAll(heldOut.x(), HyperlocalConfig.DEFAULTS.k());
            for (int i = 0; i < heldOut.size(); i++) {
                float[] v = heldOut.x().get(i);
                Distribution calibrated = c.scaling().apply(m.predict(v, neighbours.get(i)));
                String truth = heldOut.y().get(i);
                accuracy += calibrated.top().equals(truth) ? 1.0 / heldOut.size() / draws : 0;
                for (int t = 0; t < targets.length; t++) {
                    boolean covered = c.conformal().predictionSet(calibrated, c.conformal().threshold(targets[t]),
                            AdaptivePredictionSets.noise(v), false).stream().anyMatch(s -> s.label().equals(truth));
                    coverage[t] += covered ? 1.0 / heldOut.size() / draws : 0;
                }
            }
        }

        assertThat(accuracy).as("the toy must leave the sets work to do").isBetween(0.55, 0.85);
        for (int t = 0; t < targets.length; t++) {
            assertThat(coverage[t]).as("coverage at %s", targets[t]).isCloseTo(targets[t], within(0.015));
        }
    }

    @Test
    void calibrate_heldOutInDomainInputs_areAcceptedAbout95PercentAndFreshClustersRefused() {
        // Tight clusters, so that inputs from elsewhere are recognisably elsewhere.
        SyntheticClusters tight = new SyntheticClusters(8, 16, 0.6, 5);
        TrainingSet train = tight.trainingSet(200, 1);
        OddCalibration c = CALIBRATOR.calibrate(train);
        HyperlocalModel m = HyperlocalModel.create(train.labels(), new SoftmaxRegressionTrainer().train(train, 0),
                NeighbourLookup.NONE);
        ExactNeighbourSearch search = ExactNeighbourSearch.of(train.x(), train.y());
        double threshold = c.domain().threshold(0.95);

        double accepted = share(tight.trainingSet(500, 2).x(), v -> score(c, m, search, v) <= threshold);
        double refused = share(tight.outOfDomain(300, 3), v -> score(c, m, search, v) > threshold);

        assertThat(accepted).isCloseTo(0.95, within(0.015));
        assertThat(refused).isGreaterThan(0.95);
    }

    @Test
    void calibrate_sameDataAndSeed_givesTheSameCalibration() {
        OddCalibration again = CALIBRATOR.calibrate(TRAIN);

        assertThat(again.temperature()).isEqualTo(calibration.temperature());
        assertThat(again.conformal().scores()).isEqualTo(calibration.conformal().scores());
        assertThat(again.domain().scores()).isEqualTo(calibration.domain().scores());
        assertThat(again.metrics()).isEqualTo(calibration.metrics());
    }

    @Test
    void calibrate_reportsTheOutOfFoldMetrics() {
        assertThat(calibration.examples()).isEqualTo(1600);
        assertThat(calibration.folds()).isEqualTo(5);
        assertThat(calibration.metrics()).containsKeys("accuracy", "nll", "nll_calibrated", "ece", "ece_calibrated",
                "coverage", "mean_set_size", "reference_coverage");
        assertThat(calibration.metrics().get("nll_calibrated")).isLessThanOrEqualTo(calibration.metrics().get("nll"));
    }

    @Test
    void calibrate_oneExample_saysHowManyAreNeeded() {
        TrainingSet one = new TrainingSet(List.of(TRAIN.x().getFirst()), List.of("c0"), TRAIN.labels());

        assertThatThrownBy(() -> CALIBRATOR.calibrate(one))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("calibrating the ODD checks needs at least 2 validated examples, got 1; add examples,"
                        + " then train again");
    }

    private static double share(List<float[]> inputs, java.util.function.Predicate<float[]> test) {
        return inputs.stream().filter(test).count() / (double) inputs.size();
    }

    private static double score(OddCalibration c, HyperlocalModel m, ExactNeighbourSearch search, float[] v) {
        List<Neighbour> neighbours = search.nearest(v, HyperlocalConfig.DEFAULTS.k());
        Distribution d = m.predict(v, neighbours);
        return c.domain().score(neighbours.getFirst().similarity(), Uncertainty.entropy(d));
    }
}
