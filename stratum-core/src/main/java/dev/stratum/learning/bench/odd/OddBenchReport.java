package dev.stratum.learning.bench.odd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The results of one {@link OddBench} run: each seed's metrics, their means and standard deviations over seeds, what
 * the checks add to a prediction's latency, and what was run where.
 *
 * @param mode {@code ood-file} or {@code holdout-labels}
 * @param settings the run's settings (coverage target, acceptance, folds, ...), by their JSON names
 */
public record OddBenchReport(String mode, Dataset dataset, String encoder, Map<String, Object> settings,
        List<SeedResult> seeds, Latency checkLatencyMs, String date, String javaVersion, String machine) {
    /** The metrics that {@link #toJson()} puts at the top level (means over seeds), in this order. */
    public static final List<String> HEADLINE = List.of("accuracy_with_abstention", "acceptance_rate", "ood_recall",
            "auroc", "fpr_at_95tpr", "coverage", "coverage_target", "mean_set_size", "ece");

    public OddBenchReport {
        settings = Map.copyOf(settings);
        seeds = List.copyOf(seeds);
    }

    /** The files and their usable rows. */
    public record Dataset(String train, int trainSize, String test, int testSize, String ood, int oodSize,
            int labels) {}

    /**
     * One seed: the training rows and labels it used, the test inputs it scored, and its metrics (fractions).
     *
     * @param heldOutLabels the labels removed from training (open-set protocol), sorted
     */
    public record SeedResult(long seed, int trainSize, int knownLabels, List<String> heldOutLabels, int inDomain,
            int outOfDomain, Map<String, Double> metrics, Latency latency) {
        public SeedResult {
            heldOutLabels = List.copyOf(heldOutLabels);
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** Milliseconds that {@code OddGuard.check} takes per prediction, warm, in one thread. */
    public record Latency(int samples, double p50, double p99) {}

    /** The mean of a metric over the seeds that measured it (NaN when none did). */
    public double mean(String metric) {
        double sum = 0;
        int n = 0;
        for (SeedResult s : seeds) {
            Double v = s.metrics().get(metric);
            if (v != null && !v.isNaN()) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The sample standard deviation of a metric over seeds (0 for one seed). */
    public double std(String metric) {
        double mean = mean(metric);
        double sum = 0;
        int n = 0;
        for (SeedResult s : seeds) {
            Double v = s.metrics().get(metric);
            if (v != null && !v.isNaN()) {
                sum += (v - mean) * (v - mean);
                n++;
            }
        }
        return n < 2 ? 0 : Math.sqrt(sum / (n - 1));
    }

    /** Every metric name, headline first, then in the order the seeds report them. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>(HEADLINE);
        seeds.forEach(s -> names.addAll(s.metrics().keySet()));
        return List.copyOf(names);
    }

    /**
     * The report as pretty-printed JSON: the headline metrics at the top level (means over seeds, fractions), then
     * {@code means} and {@code std} of every metric, each seed's results, latency and the run's context.
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String name : HEADLINE) {
            root.put(name, json(mean(name)));
        }
        root.put("benchmark", "odd");
        root.put("mode", mode);
        root.put("date", date);
        root.put("java_version", javaVersion);
        root.put("machine", machine);
        root.put("encoder", encoder);
        root.put("dataset", ordered("train", dataset.train(), "train_size", dataset.trainSize(), "test",
                dataset.test(), "test_size", dataset.testSize(), "ood", dataset.ood(), "ood_size", dataset.oodSize(),
                "labels", dataset.labels()));
        root.put("settings", new java.util.TreeMap<>(settings));
        Map<String, Object> means = new LinkedHashMap<>();
        Map<String, Object> stds = new LinkedHashMap<>();
        for (String name : metricNames()) {
            means.put(name, json(mean(name)));
            stds.put(name, json(std(name)));
        }
        root.put("means", means);
        root.put("std", stds);
        root.put("odd_check_latency_ms", checkLatencyMs == null ? null : ordered("samples", checkLatencyMs.samples(),
                "p50", round(checkLatencyMs.p50(), 4), "p99", round(checkLatencyMs.p99(), 4)));
        List<Object> perSeed = new ArrayList<>();
        for (SeedResult s : seeds) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            s.metrics().forEach((k, v) -> metrics.put(k, json(v)));
            perSeed.add(ordered("seed", s.seed(), "train_size", s.trainSize(), "known_labels", s.knownLabels(),
                    "held_out_labels", s.heldOutLabels(), "in_domain", s.inDomain(), "out_of_domain",
                    s.outOfDomain(), "metrics", metrics));
        }
        root.put("seeds", perSeed);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain maps and numbers always serialises", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, replacing it. */
    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    /** Prints every metric as mean ± sd over seeds, then the latency of the checks. */
    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "%s: train %s (%d rows, %d labels) -> test %s (%d rows)%s; encoder %s%n", mode,
                dataset.train(), dataset.trainSize(), dataset.labels(), dataset.test(), dataset.testSize(),
                dataset.ood() == null ? "" : ", out of domain " + dataset.ood() + " (" + dataset.oodSize() + " rows)",
                encoder);
        out.printf(Locale.ROOT, "settings: %s; seeds %s%n", new java.util.TreeMap<>(settings),
                seeds.stream().map(SeedResult::seed).toList());
        out.printf(Locale.ROOT, "%-26s %-19s %s%n", "metric", "mean ± sd", "per seed");
        for (String name : metricNames()) {
            StringBuilder perSeed = new StringBuilder();
            for (SeedResult s : seeds) {
                Double v = s.metrics().get(name);
                perSeed.append(perSeed.isEmpty() ? "" : " ").append(v == null ? "-" : format(v));
            }
            out.printf(Locale.ROOT, "%-26s %-19s %s%n", name, format(mean(name)) + " ± " + format(std(name)),
                    perSeed);
        }
        if (checkLatencyMs != null) {
            out.printf(Locale.ROOT, "ODD check latency (warm, 1 thread, %d predictions): p50 %.4f ms, p99 %.4f ms%n",
                    checkLatencyMs.samples(), checkLatencyMs.p50(), checkLatencyMs.p99());
        }
        out.printf(Locale.ROOT, "%s, Java %s, %s%n", date, javaVersion, machine);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** NaN (a metric with nothing to measure) as JSON null; other numbers rounded to 5 decimals. */
    private static Object json(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : round(v, 5);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
