package dev.stratum.learning.active.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.learning.active.SelectionStrategies;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of {@code stratum bench active}. Accuracies are fractions; curves are means over seeds. The top-level
 * {@code curve} and {@code labels_to_...} keys are those of the first strategy asked for; {@code strategies} has
 * every strategy run, random sampling included.
 *
 * @param fullAccuracy the mean over seeds of the test accuracy of the model trained on the whole training file
 * @param randomAccuracyAtBudget random sampling's mean accuracy at its last point (the budget, or the whole pool)
 */
public record ActiveBenchReport(String train, String test, int trainSize, int testSize, int labels, String encoder,
        Map<String, Object> settings, List<Long> seeds, List<Double> fullAccuracyBySeed, double fullAccuracy,
        double randomAccuracyAtBudget, List<StrategyResult> strategies, String date, String java, String machine) {

    /**
     * One strategy's results.
     *
     * @param curve mean test accuracy over seeds at each number of labels
     * @param labelsToFullAccuracy the fewest labels at which the mean curve reaches {@code fullAccuracy}, or null
     * @param labelsToRandomAccuracyAtBudget the fewest labels at which it reaches random's accuracy at the budget,
     *     or null
     * @param trainSeconds mean time to retrain the head per round
     * @param selectSeconds mean time to predict the pool and select a batch per round
     */
    public record StrategyResult(String strategy, List<CurvePoint> curve, Integer labelsToFullAccuracy,
            Integer labelsToRandomAccuracyAtBudget, double trainSeconds, double selectSeconds) {}

    static ActiveBenchReport summarise(String train, String test, int trainSize, int testSize, int labels,
            String encoder, Map<String, Object> settings, List<Long> seeds, List<Double> full,
            Map<String, List<ActiveLoop.Run>> runs, String date, String java, String machine) {
        double fullAccuracy = full.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        List<CurvePoint> random = meanCurve(runs.get(SelectionStrategies.RANDOM));
        double randomAtBudget = random.getLast().accuracy();
        List<StrategyResult> results = new ArrayList<>();
        runs.forEach((name, list) -> {
            List<CurvePoint> curve = meanCurve(list);
            results.add(new StrategyResult(name, curve, labelsToReach(curve, fullAccuracy),
                    labelsToReach(curve, randomAtBudget),
                    list.stream().mapToDouble(ActiveLoop.Run::trainSeconds).average().orElse(0),
                    list.stream().mapToDouble(ActiveLoop.Run::selectSeconds).average().orElse(0)));
        });
        return new ActiveBenchReport(train, test, trainSize, testSize, labels, encoder, settings, seeds, full,
                fullAccuracy, randomAtBudget, results, date, java, machine);
    }

    /** The point-by-point mean of the runs' curves, as long as the shortest (they match unless the pool ran out). */
    static List<CurvePoint> meanCurve(List<ActiveLoop.Run> runs) {
        int length = runs.stream().mapToInt(r -> r.curve().size()).min().orElseThrow();
        List<CurvePoint> mean = new ArrayList<>(length);
        for (int j = 0; j < length; j++) {
            double sum = 0;
            double labelSum = 0;
            for (ActiveLoop.Run run : runs) {
                sum += run.curve().get(j).accuracy();
                labelSum += run.curve().get(j).labels();
            }
            mean.add(new CurvePoint((int) Math.round(labelSum / runs.size()), sum / runs.size()));
        }
        return mean;
    }

    /** The labels of the first point at or above {@code target}, or null. */
    static Integer labelsToReach(List<CurvePoint> curve, double target) {
        for (CurvePoint p : curve) {
            if (p.accuracy() >= target) {
                return p.labels();
            }
        }
        return null;
    }

    public String toJson() {
        StrategyResult first = strategies.getFirst();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("strategy", first.strategy());
        root.put("curve", points(first.curve()));
        root.put("full_accuracy", fullAccuracy);
        root.put("labels_to_full_accuracy", first.labelsToFullAccuracy());
        root.put("random_accuracy_at_budget", randomAccuracyAtBudget);
        root.put("labels_to_random_accuracy_at_budget", first.labelsToRandomAccuracyAtBudget());
        root.put("train_size", trainSize);
        root.put("test_size", testSize);
        root.put("labels", labels);
        root.put("dataset", Map.of("train", train, "test", test));
        root.put("encoder", encoder);
        root.putAll(settings);
        root.put("seeds", seeds);
        root.put("full_accuracy_by_seed", fullAccuracyBySeed);
        List<Map<String, Object>> all = new ArrayList<>();
        for (StrategyResult r : strategies) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", r.strategy());
            m.put("labels_to_full_accuracy", r.labelsToFullAccuracy());
            m.put("share_of_train_to_full_accuracy",
                    r.labelsToFullAccuracy() == null ? null : r.labelsToFullAccuracy() / (double) trainSize);
            m.put("labels_to_random_accuracy_at_budget", r.labelsToRandomAccuracyAtBudget());
            m.put("share_of_budget_to_random_accuracy", r.labelsToRandomAccuracyAtBudget() == null
                    ? null
                    : r.labelsToRandomAccuracyAtBudget() / (double) r.curve().getLast().labels());
            m.put("accuracy_at_budget", r.curve().getLast().accuracy());
            m.put("train_seconds_per_round", r.trainSeconds());
            m.put("select_seconds_per_round", r.selectSeconds());
            m.put("curve", points(r.curve()));
            all.add(m);
        }
        root.put("strategies", all);
        root.put("date", date);
        root.put("java", java);
        root.put("machine", machine);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the active-learning bench report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, replacing it. */
    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    /** A summary table per strategy, then each strategy's curve. */
    public void printTable(PrintStream out) {
        out.printf("active learning: train %s (%d rows, %d labels), test %s (%d rows), encoder %s, seeds %s%n",
                train, trainSize, labels, test, testSize, encoder, seeds);
        out.printf("full-training-set accuracy %.4f; random sampling's accuracy at the budget %.4f%n", fullAccuracy,
                randomAccuracyAtBudget);
        out.printf("%-24s %14s %16s %18s %10s %10s%n", "strategy", "acc at budget", "labels to full",
                "labels to random", "train s", "select s");
        for (StrategyResult r : strategies) {
            out.printf("%-24s %14.4f %16s %18s %10.2f %10.2f%n", r.strategy(), r.curve().getLast().accuracy(),
                    r.labelsToFullAccuracy() == null ? "never" : r.labelsToFullAccuracy(),
                    r.labelsToRandomAccuracyAtBudget() == null ? "never" : r.labelsToRandomAccuracyAtBudget(),
                    r.trainSeconds(), r.selectSeconds());
        }
        for (StrategyResult r : strategies) {
            StringBuilder line = new StringBuilder(r.strategy()).append(':');
            r.curve().forEach(p -> line.append(String.format(" %d=%.4f", p.labels(), p.accuracy())));
            out.println(line);
        }
    }

    private static List<Map<String, Object>> points(List<CurvePoint> curve) {
        List<Map<String, Object>> out = new ArrayList<>(curve.size());
        for (CurvePoint p : curve) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("labels", p.labels());
            point.put("accuracy", p.accuracy());
            out.add(point);
        }
        return out;
    }
}
