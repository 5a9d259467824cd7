package dev.stratum.learning.bench;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import java.util.Arrays;
import java.util.List;

/**
 * Times the request path of the hyperlocal layer one text at a time in the calling thread: embed the text (no cache),
 * then look up its neighbours and blend with the head. Runs a warm-up first so that the JIT has compiled both.
 */
final class LatencyProbe {
    private static final int WARM_UP = 100;

    private LatencyProbe() {}

    static BenchReport.Latency measure(EmbeddingModel encoder, HyperlocalModel model, List<String> texts, int samples) {
        for (int i = 0; i < Math.min(WARM_UP, samples * 2); i++) {
            model.predict(encoder.embed(texts.get(i % texts.size())));
        }
        double[] total = new double[samples];
        double[] embed = new double[samples];
        double[] hyperlocal = new double[samples];
        for (int i = 0; i < samples; i++) {
            String text = texts.get(i % texts.size());
            long start = System.nanoTime();
            float[] vector = encoder.embed(text);
            long embedded = System.nanoTime();
            model.predict(vector);
            long end = System.nanoTime();
            total[i] = (end - start) / 1e6;
            embed[i] = (embedded - start) / 1e6;
            hyperlocal[i] = (end - embedded) / 1e6;
        }
        return new BenchReport.Latency(samples, percentile(total, 50), percentile(total, 99), percentile(embed, 50),
                percentile(hyperlocal, 50));
    }

    /** The nearest-rank percentile: the smallest value with at least {@code p} percent of the values at or below it. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
