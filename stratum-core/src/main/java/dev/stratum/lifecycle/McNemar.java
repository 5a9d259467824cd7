package dev.stratum.lifecycle;

/**
 * McNemar's exact test for two classifiers judged on the same examples. Only the discordant examples carry
 * evidence: {@code b}, those only the first model got right, and {@code c}, those only the second got right. If
 * both models were equally accurate, each discordant example would be a fair coin, so {@code b ~ Binomial(b + c,
 * 1/2)}.
 *
 * <p>The p-value is the exact binomial one, not the chi-squared approximation {@code (|b - c| - 1)^2 / (b + c)}.
 * A gate usually compares two close versions, so the discordant counts are small (often under 25), where the
 * approximation is poor and may pass or fail a candidate wrongly; the exact value is right at every size and, computed
 * in log space, cheap and free of overflow for counts in the millions.
 */
public final class McNemar {
    private static final double LN_2 = Math.log(2);
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int TABLE_SIZE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE_SIZE];

    static {
        for (int i = 1; i < TABLE_SIZE; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private McNemar() {}

    /**
     * The exact two-sided p-value: the probability, if both models were equally accurate, of a split of the {@code
     * b + c} discordant examples at least as uneven as the one seen. It is {@code min(1, 2 P(X <= min(b, c)))} for
     * {@code X ~ Binomial(b + c, 1/2)}; 1 when {@code b == c} or there are no discordant examples. Its relative error
     * stays below 1e-7 up to a million discordant examples; a value below about 1e-308 is returned as 0.
     *
     * @param b the examples only the first model classified right
     * @param c the examples only the second model classified right
     */
    public static double exactPValue(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative; got b = " + b + ", c = " + c);
        }
        long n = b + c;
        long k = Math.min(b, c);
        if (n == 0 || 2 * k >= n) {
            return 1;
        }
        // P(X <= k) = 2^-n * sum over i <= k of C(n, i). As k < n / 2 the terms grow with i, so sum them relative to
        // the largest, C(n, k), walking down by the ratio C(n, i - 1) / C(n, i) = i / (n - i + 1) until they vanish.
        double sum = 1;
        double term = 1;
        for (long i = k; i > 0 && term >= sum * 1e-17; i--) {
            term *= (double) i / (n - i + 1);
            sum += term;
        }
        double logTail = logChoose(n, k) - n * LN_2 + Math.log(sum);
        return Math.min(1, 2 * Math.exp(logTail));
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** ln(m!): a table below 256, above it Stirling's series, whose first omitted term is below 1e-20 there. */
    private static double logFactorial(long m) {
        if (m < TABLE_SIZE) {
            return LOG_FACTORIAL[(int) m];
        }
        double x = m;
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        double series = inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared / 1260));
        return x * Math.log(x) - x + HALF_LN_2PI + 0.5 * Math.log(x) + series;
    }
}
