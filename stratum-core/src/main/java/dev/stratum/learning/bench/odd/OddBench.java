package dev.stratum.learning.bench.odd;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.models.specific.LayeredEncoders;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code stratum bench odd}: measures how well the operational design domain checks keep a task's answers inside its
 * domain. For each seed it calibrates on the training rows only (cross-fitting, see
 * {@link dev.stratum.odd.OddCalibrator}), trains the hyperlocal model on all of them with an exact nearest-neighbour
 * memory, and runs every test input through the model and its {@link dev.stratum.odd.OddGuard}.
 *
 * <p>Two protocols. With an out-of-domain file, the in-domain test file and that file are scored. Without one, a
 * random share of the labels (drawn per seed) is removed from training and the test items of those labels become the
 * out-of-domain set: the open-set protocol, for data that has no out-of-domain file. Each distinct text is embedded
 * once per run.
 *
 * <p>To choose settings without touching the test file, a share of the training file can stand in for it
 * ({@link OddBenchConfig#validationShare()}): each seed draws its own stratified split.
 */
public final class OddBench {
    private OddBench() {}

    /** Runs with the configured encoder, the default softmax-regression trainer and the default blend. */
    public static OddBenchReport run(OddBenchConfig config, PrintStream progress) {
        return run(config, LayeredEncoders.byName(config.encoder()), new SoftmaxRegressionTrainer(),
                HyperlocalConfig.DEFAULTS, progress);
    }

    public static OddBenchReport run(OddBenchConfig config, EmbeddingModel encoder, HeadTrainer trainer,
            HyperlocalConfig blend, PrintStream progress) {
        BenchTexts train = BenchTexts.labelled(config.train(), config.textColumn(), config.labelColumn());
        BenchTexts test = config.test() == null
                ? null
                : BenchTexts.labelled(config.test(), config.textColumn(), config.labelColumn());
        BenchTexts ood = config.ood() == null ? null : BenchTexts.textsOnly(config.ood(), config.textColumn());
        progress.printf("read %d training rows (%d labels), %s%s%n", train.size(), train.labelSpace().size(),
                test == null ? "testing on " + config.validationShare() + " of them" : test.size() + " test rows",
                ood == null ? "" : " and " + ood.size() + " out-of-domain rows");
        Map<String, float[]> vectors = embed(encoder, train, test, ood, progress);
        SeedRun runner = new SeedRun(config, trainer, blend, vectors::get);
        List<OddBenchReport.SeedResult> seeds = new ArrayList<>();
        for (int k = 0; k < config.seeds(); k++) {
            long seed = config.firstSeed() + k;
            if (test == null) {
                BenchTexts[] parts = train.split(config.validationShare(), seed);
                seeds.add(runner.run(parts[0], parts[1], ood, seed, progress, k == 0));
            } else {
                seeds.add(runner.run(train, test, ood, seed, progress, k == 0));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("coverage_target", config.coverage());
        settings.put("in_domain_acceptance", config.acceptance());
        settings.put("holdout_labels", config.holdoutLabels());
        settings.put("validation_share", config.validationShare());
        settings.put("folds", config.folds());
        settings.put("ensemble_size", config.ensembleSize());
        settings.put("neighbours", blend.k());
        settings.put("head", trainer.kind());
        return new OddBenchReport(config.openSet() ? "holdout-labels" : "ood-file",
                new OddBenchReport.Dataset(config.train().toString(), train.size(),
                        test == null ? "validation share of train" : config.test().toString(),
                        test == null ? seeds.getFirst().inDomain() : test.size(),
                        config.ood() == null ? null : config.ood().toString(),
                        ood == null ? 0 : ood.size(), train.labelSpace().size()),
                encoder.id(), settings, seeds, seeds.getFirst().latency(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.version().toString(), machine());
    }

    private static Map<String, float[]> embed(EmbeddingModel encoder, BenchTexts train, BenchTexts test,
            BenchTexts ood, PrintStream progress) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(train.texts());
        if (test != null) {
            distinct.addAll(test.texts());
        }
        if (ood != null) {
            distinct.addAll(ood.texts());
        }
        List<String> texts = List.copyOf(distinct);
        Map<String, float[]> vectors = new HashMap<>(texts.size() * 2);
        long start = System.nanoTime();
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
            List<float[]> embedded = encoder.embedAll(part);
            for (int i = 0; i < part.size(); i++) {
                vectors.put(part.get(i), embedded.get(i));
            }
        }
        progress.printf("embedded %d distinct texts in %.1f s%n", texts.size(), (System.nanoTime() - start) / 1e9);
        return vectors;
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
    }
}
