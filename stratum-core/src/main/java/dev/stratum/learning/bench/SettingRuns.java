package dev.stratum.learning.bench;

import java.util.ArrayList;
import java.util.List;

/** Collects the runs of one setting of shots over its seeds and summarises them. */
final class SettingRuns {
    private final String shots;
    private final List<Long> seeds = new ArrayList<>();
    private final List<Double> sizes = new ArrayList<>();
    private final List<Double> accuracies = new ArrayList<>();
    private final List<Double> headAccuracies = new ArrayList<>();
    private final List<Double> memoryAccuracies = new ArrayList<>();
    private final List<Double> trainSeconds = new ArrayList<>();
    private final List<Double> indexSeconds = new ArrayList<>();

    SettingRuns(String shots) {
        this.shots = shots;
    }

    /** Records one seed; {@code accuracy} holds the blended, head-only and memory-only accuracies. */
    void add(long seed, int size, double[] accuracy, double train, double index) {
        seeds.add(seed);
        sizes.add((double) size);
        accuracies.add(accuracy[0]);
        headAccuracies.add(accuracy[1]);
        memoryAccuracies.add(accuracy[2]);
        trainSeconds.add(train);
        indexSeconds.add(index);
    }

    BenchReport.Setting summary() {
        return new BenchReport.Setting(shots, seeds, mean(sizes), mean(accuracies), std(accuracies), accuracies,
                mean(headAccuracies), mean(memoryAccuracies), mean(trainSeconds), mean(indexSeconds));
    }

    static double mean(List<Double> values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.isEmpty() ? 0 : sum / values.size();
    }

    /** The sample standard deviation (n - 1), 0 for fewer than two values. */
    static double std(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }
}
