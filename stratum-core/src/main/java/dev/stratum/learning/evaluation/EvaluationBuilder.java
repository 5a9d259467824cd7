package dev.stratum.learning.evaluation;

import dev.stratum.api.Evaluation;
import dev.stratum.api.Evaluation.ClassMetrics;
import dev.stratum.api.Evaluation.Confusion;
import dev.stratum.api.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Accumulates (actual, predicted, layer) outcomes and turns them into an {@link Evaluation}. Not thread-safe. */
public final class EvaluationBuilder {
    private static final int MAX_CONFUSIONS = 20;

    private final Map<String, Map<String, Integer>> matrix = new HashMap<>();
    private final Map<Layer, int[]> byLayer = new EnumMap<>(Layer.class);
    private int n;
    private int correct;

    public void add(String actual, String predicted, Layer layer) {
        n++;
        boolean right = actual.equals(predicted);
        if (right) {
            correct++;
        }
        matrix.computeIfAbsent(actual, a -> new HashMap<>()).merge(predicted, 1, Integer::sum);
        int[] counts = byLayer.computeIfAbsent(layer, l -> new int[2]);
        counts[0]++;
        counts[1] += right ? 1 : 0;
    }

    public int size() {
        return n;
    }

    public Evaluation build(String taskId, String dataset, String modelVersion) {
        TreeSet<String> labels = new TreeSet<>(matrix.keySet());
        matrix.values().forEach(row -> labels.addAll(row.keySet()));
        Map<String, ClassMetrics> perClass = new TreeMap<>();
        double f1Sum = 0;
        int f1Count = 0;
        for (String label : labels) {
            int tp = matrix.getOrDefault(label, Map.of()).getOrDefault(label, 0);
            int support = matrix.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = matrix.values().stream().mapToInt(row -> row.getOrDefault(label, 0)).sum();
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(label, new ClassMetrics(round(precision), round(recall), round(f1), support));
            if (support > 0) {
                f1Sum += f1;
                f1Count++;
            }
        }
        List<Confusion> confusions = new ArrayList<>();
        matrix.forEach((actual, row) -> row.forEach((predicted, count) -> {
            if (!actual.equals(predicted)) {
                confusions.add(new Confusion(actual, predicted, count));
            }
        }));
        confusions.sort(Comparator.comparingInt(Confusion::count).reversed()
                .thenComparing(Confusion::actual).thenComparing(Confusion::predicted));
        Map<Layer, Integer> answered = new EnumMap<>(Layer.class);
        Map<Layer, Double> accuracyByLayer = new EnumMap<>(Layer.class);
        byLayer.forEach((layer, counts) -> {
            answered.put(layer, counts[0]);
            accuracyByLayer.put(layer, round((double) counts[1] / counts[0]));
        });
        return new Evaluation(taskId, dataset, n, n == 0 ? 0 : round((double) correct / n),
                f1Count == 0 ? 0 : round(f1Sum / f1Count), perClass,
                List.copyOf(confusions.subList(0, Math.min(MAX_CONFUSIONS, confusions.size()))),
                answered, accuracyByLayer, modelVersion);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
