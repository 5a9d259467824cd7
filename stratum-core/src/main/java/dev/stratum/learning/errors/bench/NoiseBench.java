package dev.stratum.learning.errors.bench;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.learning.active.bench.BenchModel;
import dev.stratum.learning.active.bench.LabelledVectors;
import dev.stratum.learning.errors.LabelErrorFinder;
import dev.stratum.learning.errors.LabelErrors;
import dev.stratum.learning.errors.LabelIssue;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.models.specific.LayeredEncoders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code stratum bench noise}: for each seed, flips a share of the training labels, each to another label drawn
 * uniformly, runs the {@link LabelErrorFinder} on the noisy examples, and scores its top k (k the number flipped)
 * against the flips: precision, recall and F1, and how often its suggestion restores the true label. Then it trains
 * the product's model on the noisy labels, on the noisy labels less the top k, and on the noisy labels with the top k
 * changed to the suggested label, and on the true labels for reference, and measures each on the test rows.
 *
 * <p>Precision and recall at k are equal by construction (k is the number flipped); both are reported as asked.
 */
public final class NoiseBench {
    private NoiseBench() {}

    /** Runs with the configured encoder, the default softmax-regression trainer and the default blend. */
    public static NoiseBenchReport run(NoiseBenchConfig config, PrintStream progress) {
        return run(config, LayeredEncoders.byName(config.encoder()), new SoftmaxRegressionTrainer(),
                HyperlocalConfig.DEFAULTS, progress);
    }

    public static NoiseBenchReport run(NoiseBenchConfig config, EmbeddingModel encoder, HeadTrainer trainer,
            HyperlocalConfig blend, PrintStream progress) {
        List<Path> files = config.test() == null ? List.of(config.train()) : List.of(config.train(), config.test());
        List<LabelledVectors> data =
                LabelledVectors.readAll(files, config.textColumn(), config.labelColumn(), encoder, progress);
        LabelErrorFinder finder = new LabelErrorFinder(trainer, blend, config.folds(), config.repeats(), config.prune());
        List<NoiseBenchReport.SeedResult> results = new ArrayList<>();
        for (int s = 0; s < config.seeds(); s++) {
            long seed = config.firstSeed() + s;
            LabelledVectors train = data.getFirst();
            LabelledVectors test = config.test() == null ? null : data.get(1);
            if (test == null) {
                LabelledVectors[] parts = train.split(config.validationShare(), seed);
                train = parts[0];
                test = parts[1];
            }
            results.add(runSeed(train, test, config.rate(), finder, trainer, blend, seed));
            NoiseBenchReport.SeedResult r = results.getLast();
            progress.printf("seed %d: %d of %d labels flipped; precision at k %.4f, confident-learning flags %d"
                            + " (precision %.4f, recall %.4f); accuracy clean %.4f, noisy %.4f, removed %.4f,"
                            + " corrected %.4f; finder %.1f s%n", seed, r.flipped(), r.trainSize(), r.precisionAtK(),
                    r.flagged(), r.flaggedPrecision(), r.flaggedRecall(), r.accuracyClean(), r.accuracyNoisy(),
                    r.accuracyRemoved(), r.accuracyCorrected(), r.finderSeconds());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", config.rate());
        settings.put("folds", config.folds());
        settings.put("repeats", config.repeats());
        settings.put("prune", config.prune());
        settings.put("validation_share", config.validationShare());
        settings.put("head", trainer.kind());
        settings.put("neighbours", blend.k());
        settings.put("head_weight", blend.headWeight());
        return new NoiseBenchReport(config.train().toString(),
                config.test() == null ? "validation share of train" : config.test().toString(),
                data.getFirst().labelSpace().size(), encoder.id(), settings, results,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.version().toString(), machine());
    }

    private static NoiseBenchReport.SeedResult runSeed(LabelledVectors train, LabelledVectors test, double rate,
            LabelErrorFinder finder, HeadTrainer trainer, HyperlocalConfig blend, long seed) {
        List<String> labelSpace = train.labelSpace();
        List<String> noisy = new ArrayList<>(train.labels());
        Set<Integer> flipped = flip(noisy, labelSpace, rate, new Random(seed));
        long start = System.nanoTime();
        LabelErrors errors = finder.find(new TrainingSet(train.vectors(), noisy, labelSpace), seed);
        double finderSeconds = (System.nanoTime() - start) / 1e9;
        List<LabelIssue> top = errors.top(flipped.size());
        int hits = 0;
        int restored = 0;
        Set<Integer> removed = new HashSet<>();
        List<String> corrected = new ArrayList<>(noisy);
        for (LabelIssue issue : top) {
            removed.add(issue.index());
            corrected.set(issue.index(), issue.suggestedLabel());
            if (flipped.contains(issue.index())) {
                hits++;
                restored += issue.suggestedLabel().equals(train.labels().get(issue.index())) ? 1 : 0;
            }
        }
        List<LabelIssue> flagged = errors.flagged();
        long flaggedHits = flagged.stream().filter(i -> flipped.contains(i.index())).count();
        List<float[]> keptX = new ArrayList<>();
        List<String> keptY = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (!removed.contains(i)) {
                keptX.add(train.vectors().get(i));
                keptY.add(noisy.get(i));
            }
        }
        int k = flipped.size();
        double precision = hits / (double) k;
        return new NoiseBenchReport.SeedResult(seed, train.size(), test.size(), k, precision, precision,
                precision, hits == 0 ? 0 : restored / (double) hits, flagged.size(),
                flagged.isEmpty() ? 0 : flaggedHits / (double) flagged.size(), flaggedHits / (double) k,
                accuracy(train.vectors(), train.labels(), labelSpace, test, trainer, blend, seed),
                accuracy(train.vectors(), noisy, labelSpace, test, trainer, blend, seed),
                accuracy(keptX, keptY, labelSpace, test, trainer, blend, seed),
                accuracy(train.vectors(), corrected, labelSpace, test, trainer, blend, seed), finderSeconds);
    }

    /** Flips {@code round(rate * n)} labels, drawn without replacement, each to another label; returns their rows. */
    static Set<Integer> flip(List<String> labels, List<String> labelSpace, double rate, Random random) {
        if (labelSpace.size() < 2) {
            throw new IllegalArgumentException("flipping labels needs at least 2 labels, got " + labelSpace);
        }
        List<Integer> rows = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            rows.add(i);
        }
        Collections.shuffle(rows, random);
        Set<Integer> flipped = new HashSet<>();
        for (int i : rows.subList(0, (int) Math.round(rate * labels.size()))) {
            String original = labels.get(i);
            String other;
            do {
                other = labelSpace.get(random.nextInt(labelSpace.size()));
            } while (other.equals(original));
            labels.set(i, other);
            flipped.add(i);
        }
        return flipped;
    }

    private static double accuracy(List<float[]> x, List<String> y, List<String> labelSpace, LabelledVectors test,
            HeadTrainer trainer, HyperlocalConfig blend, long seed) {
        return BenchModel.train(new TrainingSet(x, y, labelSpace), trainer, blend, seed)
                .accuracy(test.vectors(), test.labels());
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
    }
}
