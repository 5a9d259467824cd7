package dev.stratum.learning.bench;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.models.hyperlocal.SoftmaxRegressionConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code stratum bench tune}: chooses the encoder, the head's L2 penalty and the blend of head and memory by
 * cross-validation inside a training file; no test file is read. Each k-shot setting trains on k examples per label
 * (one sample per seed) and validates on other rows of the file; {@code all} trains on all folds but one and
 * validates on that one. Every combination of the grids is scored on the same splits; the best mean accuracy over
 * the settings wins. The head's other hyperparameters are those of {@link SoftmaxRegressionConfig#DEFAULTS}; the
 * blend's prior and duplicate threshold those of {@link HyperlocalConfig#DEFAULTS}.
 */
public final class TuneBench {
    /** The most validation rows per k-shot split. */
    static final int VALIDATION_ROWS = 2000;

    private TuneBench() {}

    public static TuneReport run(TuneConfig config, PrintStream progress) {
        LabelledData train = LabelledData.read(config.train(), config.textColumn(), config.labelColumn());
        List<String> labels = train.labelSpace();
        List<Split> splits = splits(train, config);
        progress.printf("read %d training rows (%d labels); %d splits%n", train.size(), labels.size(), splits.size());
        BenchEncoders encoders = new BenchEncoders();
        Map<TuneReport.Candidate, Map<String, List<Double>>> scores = new LinkedHashMap<>();
        int maxK = Collections.max(config.neighbours());
        for (String name : config.encoders()) {
            EmbeddingModel encoder = encoders.memoised(name);
            long start = System.nanoTime();
            List<float[]> x = encoder.embedAll(train.texts());
            progress.printf("encoder %s: %d texts embedded in %.1f s%n", name, x.size(),
                    (System.nanoTime() - start) / 1e9);
            for (Split split : splits) {
                List<float[]> fitX = pick(x, split.fit());
                List<String> fitY = pick(train.labels(), split.fit());
                List<float[]> valX = pick(x, split.validation());
                List<String> valY = pick(train.labels(), split.validation());
                List<List<Neighbour>> near = BruteForceNeighbours.nearest(valX, fitX, fitY, maxK);
                for (double l2 : config.l2()) {
                    SoftmaxRegressionTrainer trainer =
                            new SoftmaxRegressionTrainer(SoftmaxRegressionConfig.DEFAULTS.withL2(l2));
                    TrainedHead head = memoised(trainer.train(new TrainingSet(fitX, fitY, labels), split.seed()), valX);
                    for (int k : config.neighbours()) {
                        for (double temperature : config.voteTemperatures()) {
                            for (double weight : config.headWeights()) {
                                HyperlocalConfig blend = new HyperlocalConfig(k, temperature,
                                        HyperlocalConfig.DEFAULTS.priorSimilarity(), weight,
                                        HyperlocalConfig.DEFAULTS.duplicateSimilarity());
                                double accuracy = accuracy(HyperlocalModel.create(labels, head, NeighbourLookup.NONE,
                                        blend), valX, valY, near, k);
                                scores.computeIfAbsent(new TuneReport.Candidate(name, l2, k, temperature, weight),
                                        c -> new LinkedHashMap<>())
                                        .computeIfAbsent(split.shots(), s -> new ArrayList<>()).add(accuracy);
                            }
                        }
                    }
                }
                progress.printf("  %s shots=%s seed=%d: %d fit, %d validation rows done%n", name, split.shots(),
                        split.seed(), split.fit().size(), split.validation().size());
            }
        }
        return new TuneReport(config.train().toString(), train.size(), labels.size(), config.shots(),
                config.seeds(), config.folds(), ranked(scores), Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        .toString(), ClassifyBench.machine());
    }

    /** One way of cutting the training file: rows to train on and rows to score. */
    record Split(String shots, long seed, List<Integer> fit, List<Integer> validation) {}

    static List<Split> splits(LabelledData train, TuneConfig config) {
        List<Split> splits = new ArrayList<>();
        for (String shots : config.shots()) {
            if (shots.equals(BenchConfig.ALL)) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(1));
                for (int f = 0; f < config.folds(); f++) {
                    List<Integer> fit = new ArrayList<>();
                    List<Integer> validation = new ArrayList<>();
                    for (int i = 0; i < order.size(); i++) {
                        (i % config.folds() == f ? validation : fit).add(order.get(i));
                    }
                    Collections.sort(fit);
                    Collections.sort(validation);
                    splits.add(new Split(shots, f + 1, fit, validation));
                }
                continue;
            }
            for (long seed = 1; seed <= config.seeds(); seed++) {
                List<Integer> fit = train.sample(BenchConfig.perLabel(shots), seed);
                Set<Integer> used = new HashSet<>(fit);
                List<Integer> rest = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (!used.contains(i)) {
                        rest.add(i);
                    }
                }
                Collections.shuffle(rest, new Random(seed));
                List<Integer> validation = new ArrayList<>(rest.subList(0, Math.min(VALIDATION_ROWS, rest.size())));
                Collections.sort(validation);
                splits.add(new Split(shots, seed, fit, validation));
            }
        }
        return splits;
    }

    private static double accuracy(HyperlocalModel model, List<float[]> x, List<String> y,
            List<List<Neighbour>> near, int k) {
        int right = 0;
        for (int i = 0; i < x.size(); i++) {
            List<Neighbour> neighbours = near.get(i);
            right += model.predict(x.get(i), neighbours.subList(0, Math.min(k, neighbours.size()))).top()
                    .equals(y.get(i)) ? 1 : 0;
        }
        return right / (double) x.size();
    }

    private static List<TuneReport.Result> ranked(Map<TuneReport.Candidate, Map<String, List<Double>>> scores) {
        List<TuneReport.Result> results = new ArrayList<>();
        for (var entry : scores.entrySet()) {
            Map<String, Double> bySetting = new HashMap<>();
            double sum = 0;
            for (var setting : entry.getValue().entrySet()) {
                double mean = SettingRuns.mean(setting.getValue());
                bySetting.put(setting.getKey(), mean);
                sum += mean;
            }
            results.add(new TuneReport.Result(entry.getKey(), bySetting, sum / bySetting.size()));
        }
        results.sort(Comparator.comparingDouble(TuneReport.Result::mean).reversed());
        return results;
    }

    /** The head, with its answers for the validation vectors computed once for all the blends that reuse them. */
    private static TrainedHead memoised(TrainedHead head, List<float[]> validation) {
        Map<float[], Distribution> answers = new IdentityHashMap<>();
        for (float[] v : validation) {
            answers.put(v, head.predict(v));
        }
        return new TrainedHead() {
            @Override
            public Distribution predict(float[] embedding) {
                Distribution d = answers.get(embedding);
                return d != null ? d : head.predict(embedding);
            }

            @Override
            public String kind() {
                return head.kind();
            }

            @Override
            public Map<String, Object> hyperparameters() {
                return head.hyperparameters();
            }

            @Override
            public byte[] toBytes() {
                return head.toBytes();
            }
        };
    }

    private static <T> List<T> pick(List<T> values, List<Integer> rows) {
        List<T> out = new ArrayList<>(rows.size());
        for (int row : rows) {
            out.add(values.get(row));
        }
        return out;
    }
}
