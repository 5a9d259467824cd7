package dev.stratum.odd.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationErrorTest {
    @Test
    void expected_perfectlyCalibratedByConstruction_isZero() {
        // 10 predictions at 0.8 with 8 right, 10 at 0.5 with 5 right.
        double[] confidence = new double[20];
        boolean[] correct = new boolean[20];
        for (int i = 0; i < 10; i++) {
            confidence[i] = 0.8;
            correct[i] = i < 8;
            confidence[10 + i] = 0.5;
            correct[10 + i] = i < 5;
        }

        assertThat(CalibrationError.expected(confidence, correct)).isCloseTo(0, within(1e-12));
    }

    @Test
    void expected_outcomesDrawnAtTheStatedConfidence_isNearZero() {
        Random random = new Random(11);
        int n = 200_000;
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            confidence[i] = random.nextDouble();
            correct[i] = random.nextDouble() < confidence[i];
        }

        assertThat(CalibrationError.expected(confidence, correct)).isLessThan(0.005);
    }

    @Test
    void expected_overConfidentModel_isItsGap() {
        // Says 0.9, is right 60 % of the time.
        double[] confidence = new double[10];
        boolean[] correct = new boolean[10];
        for (int i = 0; i < 10; i++) {
            confidence[i] = 0.9;
            correct[i] = i < 6;
        }

        assertThat(CalibrationError.expected(confidence, correct)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void expected_confidenceNotAProbability_namesIt() {
        assertThatThrownBy(() -> CalibrationError.expected(new double[] {1.2}, new boolean[] {true}))
                .hasMessage("confidence 0 is 1.2; it must be a probability");
    }
}
