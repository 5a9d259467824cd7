package dev.stratum.telemetry.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionDriftTest {
    @Test
    void sameDistribution_raisesNothing() {
        Random random = new Random(1);
        double[] x = new double[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        List<Anomaly> found = new ArrayList<>();

        SyntheticSeries.run(DistributionDrift.forProbabilities("confidence"), x, found);

        assertThat(found).isEmpty();
    }

    @Test
    void confidenceFallingFromHighToMiddling_isReportedAsDrift() {
        Random random = new Random(2);
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 1500 ? 0.8 + 0.2 * random.nextDouble() : 0.4 + 0.3 * random.nextDouble();
        }
        List<Anomaly> found = new ArrayList<>();

        List<int[]> at = SyntheticSeries.run(DistributionDrift.forProbabilities("confidence"), x, found);

        assertThat(found).isNotEmpty();
        assertThat(found.get(0).kind()).isEqualTo(Anomaly.Kind.DRIFT);
        assertThat(found.get(0).score()).isGreaterThan(DistributionDrift.MAJOR_SHIFT);
        assertThat(at.get(0)[0]).isEqualTo(1999);
    }

    @Test
    void givenReference_isUsedFromTheFirstWindow() {
        DistributionDrift drift = DistributionDrift.forProbabilities("confidence");
        double[] training = new double[1000];
        java.util.Arrays.fill(training, 0.95);
        drift.setReference(training);
        double[] x = new double[500];
        java.util.Arrays.fill(x, 0.35);
        List<Anomaly> found = new ArrayList<>();

        SyntheticSeries.run(drift, x, found);

        assertThat(found).hasSize(1);
    }

    @Test
    void psi_ofIdenticalHistograms_isZero() {
        long[] counts = {10, 20, 30, 40};

        assertThat(DistributionDrift.psi(counts, 100, counts, 100)).isZero();
    }
}
