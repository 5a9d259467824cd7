package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbedReportTest {
    @Test
    void operationsPerText_countsProjectionsFeedForwardAndAttentionOfMiniLm() {
        // 10 texts of 10 tokens: per token and layer 4*384^2 + 2*384*1536 + 2*10*384 multiply-adds, 6 layers, x2.
        EmbedReport report = report(10, 100, 1000.0);

        double perToken = 2.0 * 6 * (4 * 384 * 384 + 2 * 384 * 1536 + 2 * 10 * 384);
        assertThat(report.operationsPerText()).isCloseTo(perToken * 10, within(1.0));
        assertThat(report.limitRate()).isCloseTo(1000e9 / (perToken * 10), within(1e-6));
        assertThat(report.limitRatePerCore()).isCloseTo(report.limitRate() / 2, within(1e-6));
    }

    @Test
    void medians_ofOddAndEvenRounds() {
        assertThat(EmbedBench.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(EmbedBench.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }

    private static EmbedReport report(int texts, long tokens, double peak) {
        return new EmbedReport("f.csv", texts, tokens, 1, new double[] {100}, new double[] {250},
                new double[] {2.5}, 2.5, new double[] {3.0}, new double[] {150}, List.of(), List.of(), List.of(),
                Double.NaN, peak, 2,
                "2026-01-01T00:00:00Z", "25", "test");
    }
}
