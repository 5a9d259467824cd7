package dev.stratum.telemetry.anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic metric series: a level, an optional daily cycle, Gaussian or heavy-tailed noise, and events. */
final class SyntheticSeries {
    static final long STEP_MILLIS = 5 * 60_000L;
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private SyntheticSeries() {}

    /** {@code n} values of level 100, daily amplitude {@code amplitude}, noise of scale 1 (Student t when heavy). */
    static double[] noise(int n, long seed, double amplitude, boolean heavyTails) {
        Random random = new Random(seed);
        double[] x = new double[n];
        int perDay = (int) (86_400_000L / STEP_MILLIS);
        for (int i = 0; i < n; i++) {
            double season = amplitude * Math.sin(2 * Math.PI * i / perDay);
            x[i] = 100 + season + (heavyTails ? studentT3(random) : random.nextGaussian());
        }
        return x;
    }

    /** A Student t variate with 3 degrees of freedom, scaled to unit variance. */
    private static double studentT3(Random random) {
        double chi = 0;
        for (int k = 0; k < 3; k++) {
            double g = random.nextGaussian();
            chi += g * g;
        }
        return random.nextGaussian() / Math.sqrt(chi / 3) / Math.sqrt(3);
    }

    static Instant at(int i) {
        return START.plusMillis(i * STEP_MILLIS);
    }

    /** Every anomaly the detector reports over {@code x}, with the index of the observation that raised it. */
    static List<int[]> run(MetricDetector detector, double[] x, List<Anomaly> out) {
        List<int[]> indices = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            int index = i;
            detector.observe(at(i), x[i]).ifPresent(a -> {
                out.add(a);
                indices.add(new int[] {index});
            });
        }
        return indices;
    }
}
