package dev.stratum.learning.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of one {@link ClassifyBench} run: accuracy and training time per setting of shots (mean and standard
 * deviation over seeds), predict latency, encoder throughput, and what was run where.
 *
 * @param hyperparameters the head's hyperparameters (those of the last head trained; the seed varies)
 * @param hyperlocal the blend of head and memory, as {@code HyperlocalConfig} fields
 * @param zeroShotAccuracy the general layer alone on the test file, with the label names as label texts
 */
public record BenchReport(
        Dataset dataset,
        String encoder,
        String headKind,
        Map<String, Object> hyperparameters,
        Map<String, Object> hyperlocal,
        EmbeddingStats embedding,
        List<Setting> settings,
        Latency predictLatencyMs,
        double zeroShotAccuracy,
        String date,
        String javaVersion,
        String machine) {

    public BenchReport {
        hyperparameters = Map.copyOf(hyperparameters);
        hyperlocal = Map.copyOf(hyperlocal);
        settings = List.copyOf(settings);
    }

    /** The files, their usable rows, and the rows skipped as unusable. */
    public record Dataset(String train, int trainSize, int trainSkipped, String test, int testSize, int testSkipped,
            int labels) {}

    /** How long embedding every distinct text of the run took, once. */
    public record EmbeddingStats(int texts, double seconds, double textsPerSecond) {}

    /**
     * One setting of shots over its seeds. Standard deviations are over seeds (n - 1 in the denominator; 0 for one
     * seed).
     *
     * @param headAccuracyMean the trained head alone
     * @param memoryAccuracyMean the nearest-neighbour vote alone
     * @param trainSecondsMean training the head; indexing the memory is counted apart
     */
    public record Setting(String shots, List<Long> seeds, double trainSizeMean, double accuracyMean,
            double accuracyStd, List<Double> accuracies, double headAccuracyMean, double memoryAccuracyMean,
            double trainSecondsMean, double indexSecondsMean) {
        public Setting {
            seeds = List.copyOf(seeds);
            accuracies = List.copyOf(accuracies);
        }
    }

    /** Milliseconds to embed one text and predict with the hyperlocal model, warm, in one thread. */
    public record Latency(int samples, double p50, double p99, double embedP50, double hyperlocalP50) {}

    /** The report as pretty-printed JSON, with snake_case names. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "classify");
        root.put("date", date);
        root.put("java_version", javaVersion);
        root.put("machine", machine);
        root.put("dataset", ordered("train", dataset.train(), "train_size", dataset.trainSize(),
                "train_skipped", dataset.trainSkipped(), "test", dataset.test(), "test_size", dataset.testSize(),
                "test_skipped", dataset.testSkipped(), "labels", dataset.labels()));
        root.put("encoder", encoder);
        root.put("head_kind", headKind);
        root.put("hyperparameters", new TreeMap<>(hyperparameters));
        root.put("hyperlocal", new TreeMap<>(hyperlocal));
        root.put("settings", settings.stream().map(BenchReport::settingJson).toList());
        root.put("predict_latency_ms", ordered("samples", predictLatencyMs.samples(), "p50",
                round(predictLatencyMs.p50(), 3), "p99", round(predictLatencyMs.p99(), 3),
                "embed_p50", round(predictLatencyMs.embedP50(), 3),
                "hyperlocal_p50", round(predictLatencyMs.hyperlocalP50(), 3)));
        root.put("embedding", ordered("texts", embedding.texts(), "seconds", round(embedding.seconds(), 2),
                "texts_per_second", round(embedding.textsPerSecond(), 1)));
        root.put("zero_shot_accuracy", round(zeroShotAccuracy, 4));
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

    /** Prints the settings as a table, then latency, encoder throughput and the zero-shot baseline. */
    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "train %s (%d rows, %d labels) -> test %s (%d rows); encoder %s, head %s%n",
                dataset.train(), dataset.trainSize(), dataset.labels(), dataset.test(), dataset.testSize(), encoder,
                headKind);
        out.printf(Locale.ROOT, "%-6s %5s %8s  %-17s %8s %8s %9s %9s%n", "shots", "seeds", "examples", "accuracy",
                "head", "memory", "train s", "index s");
        for (Setting s : settings) {
            out.printf(Locale.ROOT, "%-6s %5d %8.0f  %.4f ± %.4f   %8.4f %8.4f %9.2f %9.2f%n", s.shots(),
                    s.seeds().size(), s.trainSizeMean(), s.accuracyMean(), s.accuracyStd(), s.headAccuracyMean(),
                    s.memoryAccuracyMean(), s.trainSecondsMean(), s.indexSecondsMean());
        }
        out.printf(Locale.ROOT, "predict latency (embed + hyperlocal, warm, 1 thread, %d texts): p50 %.2f ms, "
                        + "p99 %.2f ms (embed p50 %.2f ms, hyperlocal p50 %.3f ms)%n", predictLatencyMs.samples(),
                predictLatencyMs.p50(), predictLatencyMs.p99(), predictLatencyMs.embedP50(),
                predictLatencyMs.hyperlocalP50());
        out.printf(Locale.ROOT, "embedding: %d distinct texts in %.1f s (%.0f texts/s)%n", embedding.texts(),
                embedding.seconds(), embedding.textsPerSecond());
        out.printf(Locale.ROOT, "zero-shot general layer (label names only): accuracy %.4f%n", zeroShotAccuracy);
        out.printf(Locale.ROOT, "%s, Java %s, %s%n", date, javaVersion, machine);
    }

    private static Map<String, Object> settingJson(Setting s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shots", s.shots());
        m.put("seeds", s.seeds());
        m.put("train_size_mean", round(s.trainSizeMean(), 1));
        m.put("accuracy_mean", round(s.accuracyMean(), 4));
        m.put("accuracy_std", round(s.accuracyStd(), 4));
        m.put("accuracies", s.accuracies().stream().map(a -> round(a, 4)).toList());
        m.put("head_accuracy_mean", round(s.headAccuracyMean(), 4));
        m.put("memory_accuracy_mean", round(s.memoryAccuracyMean(), 4));
        m.put("train_seconds_mean", round(s.trainSecondsMean(), 3));
        m.put("index_seconds_mean", round(s.indexSecondsMean(), 3));
        return m;
    }

    /** A map that keeps the order of its {@code key, value} pairs. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
