package dev.stratum.telemetry.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesDetectorTest {
    private static final int N = 6000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void stationaryNoise_raisesNothing(long seed) {
        for (boolean heavy : new boolean[] {false, true}) {
            List<Anomaly> found = new ArrayList<>();
            SyntheticSeries.run(new SeriesDetector("noise", DetectorConfig.DEFAULTS),
                    SyntheticSeries.noise(N, seed, 0, heavy), found);

            assertThat(found).as("seed %d, heavy tails %s", seed, heavy).isEmpty();
        }
    }

    @Test
    void dailySeasonWithNoise_isRecognisedAndRaisesNothing() {
        SeriesDetector detector = new SeriesDetector("seasonal", DetectorConfig.DEFAULTS);
        List<Anomaly> found = new ArrayList<>();

        SyntheticSeries.run(detector, SyntheticSeries.noise(N, 7, 20, false), found);

        assertThat(detector.period()).isEqualTo(288);
        assertThat(found).isEmpty();
    }

    @Test
    void levelShift_isReportedSoonAfterItStarts() {
        double[] x = SyntheticSeries.noise(N, 11, 0, false);
        for (int i = 4000; i < N; i++) {
            x[i] += 4;
        }
        List<Anomaly> found = new ArrayList<>();

        List<int[]> at = SyntheticSeries.run(new SeriesDetector("shift", DetectorConfig.DEFAULTS), x, found);

        assertThat(found).isNotEmpty();
        assertThat(at.get(0)[0]).isBetween(4000, 4100);
        assertThat(found.get(0).direction()).isEqualTo(1);
    }

    @Test
    void spike_isReportedAtTheSpike() {
        double[] x = SyntheticSeries.noise(N, 13, 0, true);
        for (int i = 3000; i < 3010; i++) {
            x[i] -= 40;
        }
        List<Anomaly> found = new ArrayList<>();

        List<int[]> at = SyntheticSeries.run(new SeriesDetector("spike", DetectorConfig.DEFAULTS), x, found);

        assertThat(found).hasSize(1);
        assertThat(at.get(0)[0]).isBetween(3000, 3010);
        assertThat(found.get(0).kind()).isEqualTo(Anomaly.Kind.SPIKE);
        assertThat(found.get(0).direction()).isEqualTo(-1);
    }

    @Test
    void oneEvent_isReportedOnceThanksToTheCooldown() {
        double[] x = SyntheticSeries.noise(N, 17, 0, false);
        for (int i = 3000; i < 3200; i++) {
            x[i] += 50;
        }
        List<Anomaly> found = new ArrayList<>();

        List<int[]> at = SyntheticSeries.run(new SeriesDetector("burst", DetectorConfig.DEFAULTS), x, found);

        assertThat(at).isNotEmpty();
        assertThat(at.stream().filter(i -> i[0] >= 3000 && i[0] < 3000 + DetectorConfig.DEFAULTS.cooldown()))
                .hasSize(1);
    }

    @Test
    void warmup_raisesNothingEvenOnWildValues() {
        double[] x = SyntheticSeries.noise(DetectorConfig.DEFAULTS.warmup(), 19, 0, false);
        x[500] = 1e6;
        List<Anomaly> found = new ArrayList<>();

        SyntheticSeries.run(new SeriesDetector("warm", DetectorConfig.DEFAULTS), x, found);

        assertThat(found).isEmpty();
    }
}
