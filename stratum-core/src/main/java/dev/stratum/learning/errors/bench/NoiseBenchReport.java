package dev.stratum.learning.errors.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The results of {@code stratum bench noise}: fractions, with means over seeds at the top level of the JSON. */
public record NoiseBenchReport(String train, String test, int labels, String encoder, Map<String, Object> settings,
        List<SeedResult> seeds, String date, String java, String machine) {

    /** The metrics {@link #toJson()} puts at the top level, as means over seeds, in this order. */
    public static final List<String> HEADLINE = List.of("precision_at_k", "recall_at_k", "f1_at_k",
            "suggestion_accuracy", "flagged_precision", "flagged_recall", "accuracy_clean", "accuracy_noisy",
            "accuracy_removed", "accuracy_corrected");

    /**
     * One seed's results.
     *
     * @param flipped k, the number of labels flipped
     * @param suggestionAccuracy among flipped labels in the top k, the share whose suggested label is the true one
     * @param flagged how many examples confident learning flagged (its own count, not k)
     * @param flaggedPrecision the share of the flagged that were flipped
     * @param flaggedRecall the share of the flipped that were flagged
     * @param accuracyClean test accuracy trained on the true labels, for reference
     * @param accuracyNoisy ... on the noisy labels
     * @param accuracyRemoved ... on the noisy labels without the top k
     * @param accuracyCorrected ... on the noisy labels with the top k set to their suggested labels
     * @param finderSeconds how long finding took
     */
    public record SeedResult(long seed, int trainSize, int testSize, int flipped, double precisionAtK,
            double recallAtK, double f1AtK, double suggestionAccuracy, int flagged, double flaggedPrecision,
            double flaggedRecall, double accuracyClean, double accuracyNoisy, double accuracyRemoved,
            double accuracyCorrected, double finderSeconds) {
        Map<String, Object> fields() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("train_size", trainSize);
            m.put("test_size", testSize);
            m.put("flipped", flipped);
            m.put("precision_at_k", precisionAtK);
            m.put("recall_at_k", recallAtK);
            m.put("f1_at_k", f1AtK);
            m.put("suggestion_accuracy", suggestionAccuracy);
            m.put("flagged", flagged);
            m.put("flagged_precision", flaggedPrecision);
            m.put("flagged_recall", flaggedRecall);
            m.put("accuracy_clean", accuracyClean);
            m.put("accuracy_noisy", accuracyNoisy);
            m.put("accuracy_removed", accuracyRemoved);
            m.put("accuracy_corrected", accuracyCorrected);
            m.put("finder_seconds", finderSeconds);
            return m;
        }
    }

    public NoiseBenchReport {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a noise bench report needs at least one seed's results");
        }
    }

    /** The mean over seeds of a headline metric. */
    public double mean(String metric) {
        return mean(s -> ((Number) s.fields().get(metric)).doubleValue());
    }

    private double mean(ToDoubleFunction<SeedResult> metric) {
        return seeds.stream().mapToDouble(metric).average().orElseThrow();
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (String key : HEADLINE) {
            root.put(key, mean(key));
        }
        root.put("flipped", mean(SeedResult::flipped));
        root.put("flagged", mean(SeedResult::flagged));
        root.put("train_size", seeds.getFirst().trainSize());
        root.put("test_size", seeds.getFirst().testSize());
        root.put("labels", labels);
        root.put("dataset", Map.of("train", train, "test", test));
        root.put("encoder", encoder);
        root.putAll(settings);
        root.put("seeds", seeds.stream().map(SeedResult::fields).toList());
        root.put("date", date);
        root.put("java", java);
        root.put("machine", machine);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the noise bench report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, replacing it. */
    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    public void printTable(PrintStream out) {
        out.printf("label noise: train %s (%d rows, %d labels), test %s, encoder %s, rate %s, seeds %s%n", train,
                seeds.getFirst().trainSize(), labels, test, encoder, settings.get("rate"),
                seeds.stream().map(SeedResult::seed).toList());
        for (String key : HEADLINE) {
            out.printf("%-22s %.4f%n", key, mean(key));
        }
        out.printf("%-22s %.1f of %.1f flipped%n", "flagged", mean(SeedResult::flagged), mean(SeedResult::flipped));
    }
}
