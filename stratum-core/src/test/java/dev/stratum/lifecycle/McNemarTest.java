package dev.stratum.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class McNemarTest {
    @Test
    void pValue_noDiscordantExamplesOrAnEvenSplit_isOne() {
        assertThat(McNemar.exactPValue(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.exactPValue(7, 7)).isEqualTo(1.0);
        assertThat(McNemar.exactPValue(500_000, 500_000)).isEqualTo(1.0);
    }

    @Test
    void pValue_oneApartWithAnOddTotal_isOne() {
        // With n odd and k = (n - 1) / 2, P(X <= k) = P(X >= k + 1) by symmetry, and they sum to 1: p = 2 * 1/2.
        assertThat(McNemar.exactPValue(4, 5)).isEqualTo(1.0, within(1e-12));
        assertThat(McNemar.exactPValue(1_000, 1_001)).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void pValue_smallCounts_matchesTheBinomialSumsByHand() {
        // n = 5, k = 0: 2 * 1/32.
        assertThat(McNemar.exactPValue(0, 5)).isEqualTo(0.0625, within(1e-15));
        // n = 10, k = 1: 2 * (1 + 10) / 1024.
        assertThat(McNemar.exactPValue(1, 9)).isEqualTo(22.0 / 1024, within(1e-15));
        // n = 12, k = 2: 2 * (1 + 12 + 66) / 4096.
        assertThat(McNemar.exactPValue(10, 2)).isEqualTo(158.0 / 4096, within(1e-15));
        // n = 9, k = 3: 2 * (1 + 9 + 36 + 84) / 512.
        assertThat(McNemar.exactPValue(6, 3)).isEqualTo(260.0 / 512, within(1e-15));
    }

    @Test
    void pValue_isSymmetricInTheTwoModels() {
        for (int b = 0; b < 40; b += 3) {
            for (int c = 0; c < 40; c += 5) {
                assertThat(McNemar.exactPValue(b, c)).isEqualTo(McNemar.exactPValue(c, b));
            }
        }
    }

    @Test
    void pValue_largeCounts_matchesExactIntegerArithmetic() {
        for (int[] bc : new int[][] {{900, 1100}, {950, 1050}, {980, 1020}, {300, 1700}, {9_800, 10_200}}) {
            double expected = exactTwoSided(bc[0], bc[1]);
            assertThat(McNemar.exactPValue(bc[0], bc[1]))
                    .as("b = %d, c = %d", bc[0], bc[1])
                    .isCloseTo(expected, within(expected * 1e-9));
        }
    }

    @Test
    void pValue_extremeSplit_staysFiniteAndExact() {
        // n = 1000, k = 0: 2 * 2^-1000 = 2^-999, near the bottom of the double range.
        double twoToMinus999 = Math.scalb(1.0, -999);
        assertThat(McNemar.exactPValue(0, 1_000)).isCloseTo(twoToMinus999, within(twoToMinus999 * 1e-9));
        // 2^-1999 is below the smallest double: 0, not NaN.
        assertThat(McNemar.exactPValue(2_000, 0)).isZero();
    }

    @Test
    void pValue_fallsAsTheSplitGrowsMoreUneven() {
        double previous = 1;
        for (int c = 50; c <= 120; c++) {
            double p = McNemar.exactPValue(50, c);
            assertThat(p).isLessThanOrEqualTo(previous);
            previous = p;
        }
        assertThat(previous).isLessThan(1e-4);
    }

    @Test
    void pValue_negativeCount_isRefused() {
        assertThatThrownBy(() -> McNemar.exactPValue(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b = -1");
    }

    /** min(1, 2 * sum over i <= min(b, c) of C(n, i) / 2^n), in exact integers, then to 30 digits. */
    private static double exactTwoSided(int b, int c) {
        int n = b + c;
        int k = Math.min(b, c);
        BigInteger choose = BigInteger.ONE;
        BigInteger sum = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            choose = choose.multiply(BigInteger.valueOf(n - i + 1)).divide(BigInteger.valueOf(i));
            sum = sum.add(choose);
        }
        BigDecimal p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)),
                MathContext.DECIMAL128);
        return Math.min(1, p.doubleValue());
    }
}
