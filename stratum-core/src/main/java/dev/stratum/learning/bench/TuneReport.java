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

/**
 * The cross-validated accuracy of every combination {@link TuneBench} tried, best first.
 *
 * @param results every combination, sorted by mean accuracy over the settings, best first
 */
public record TuneReport(String train, int trainSize, int labels, List<String> shots, int seeds, int folds,
        List<Result> results, String date, String machine) {
    public TuneReport {
        shots = List.copyOf(shots);
        results = List.copyOf(results);
    }

    /** One combination of encoder, head penalty and blend. */
    public record Candidate(String encoder, double l2, int neighbours, double voteTemperature, double headWeight) {}

    /** A combination's mean validation accuracy per setting, and their mean. */
    public record Result(Candidate candidate, Map<String, Double> accuracyBySetting, double mean) {
        public Result {
            accuracyBySetting = Map.copyOf(accuracyBySetting);
        }
    }

    public Result best() {
        return results.getFirst();
    }

    /** The best combination for each encoder, best first. */
    public List<Result> bestPerEncoder() {
        Map<String, Result> best = new LinkedHashMap<>();
        for (Result r : results) {
            best.putIfAbsent(r.candidate().encoder(), r);
        }
        return List.copyOf(best.values());
    }

    public void printTable(PrintStream out, int top) {
        out.printf(Locale.ROOT, "cross-validation inside %s (%d rows, %d labels): %d seeds per k-shot setting,"
                + " %d folds for all%n", train, trainSize, labels, seeds, folds);
        out.println("best per encoder:");
        bestPerEncoder().forEach(r -> print(out, r));
        out.printf(Locale.ROOT, "top %d of %d combinations:%n", Math.min(top, results.size()), results.size());
        results.stream().limit(top).forEach(r -> print(out, r));
        out.printf(Locale.ROOT, "%s, %s%n", date, machine);
    }

    private void print(PrintStream out, Result r) {
        Candidate c = r.candidate();
        StringBuilder settings = new StringBuilder();
        for (String s : shots) {
            settings.append(String.format(Locale.ROOT, " %s=%.4f", s, r.accuracyBySetting().get(s)));
        }
        out.printf(Locale.ROOT, "  %-17s l2=%-7s k=%-3d T=%-5s w=%-5s mean %.4f%s%n", c.encoder(), c.l2(),
                c.neighbours(), c.voteTemperature(), c.headWeight(), r.mean(), settings);
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "tune");
        root.put("date", date);
        root.put("machine", machine);
        root.put("train", train);
        root.put("train_size", trainSize);
        root.put("labels", labels);
        root.put("shots", shots);
        root.put("seeds", seeds);
        root.put("folds", folds);
        root.put("best", json(best()));
        root.put("best_per_encoder", bestPerEncoder().stream().map(TuneReport::json).toList());
        root.put("results", results.stream().map(TuneReport::json).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain maps and numbers always serialises", e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    private static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Candidate c = r.candidate();
        m.put("encoder", c.encoder());
        m.put("l2", c.l2());
        m.put("k", c.neighbours());
        m.put("vote_temperature", c.voteTemperature());
        m.put("head_weight", c.headWeight());
        m.put("mean_accuracy", BenchReport.round(r.mean(), 4));
        Map<String, Object> by = new LinkedHashMap<>();
        r.accuracyBySetting().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> by.put(e.getKey(), BenchReport.round(e.getValue(), 4)));
        m.put("accuracy_by_shots", by);
        return m;
    }
}
