package dev.stratum.learning.active.bench;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.learning.active.SelectionStrategies;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.models.specific.LayeredEncoders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stratum bench active}: simulates the labelling loop on a labelled training file for each strategy and seed
 * (see {@link ActiveLoop}), with random sampling as the baseline, and reports each strategy's learning curve (labels
 * against test accuracy, mean over seeds) and how many labels it needed to reach the accuracy of the same model
 * trained on the whole training file, and random sampling's accuracy at the budget.
 *
 * <p>The model is the product's hyperlocal model (the default softmax-regression head blended with a nearest-neighbour
 * memory of the labelled examples), retrained from scratch every round; each distinct text is embedded once per run.
 * With {@link ActiveBenchConfig#validationShare()} a share of the training file stands in for the test file, so that
 * settings can be chosen without it.
 */
public final class ActiveBench {
    private ActiveBench() {}

    /** Runs with the configured encoder, the default softmax-regression trainer and the default blend. */
    public static ActiveBenchReport run(ActiveBenchConfig config, PrintStream progress) {
        return run(config, LayeredEncoders.byName(config.encoder()), new SoftmaxRegressionTrainer(),
                HyperlocalConfig.DEFAULTS, progress);
    }

    public static ActiveBenchReport run(ActiveBenchConfig config, EmbeddingModel encoder, HeadTrainer trainer,
            HyperlocalConfig blend, PrintStream progress) {
        List<Path> files = config.test() == null ? List.of(config.train()) : List.of(config.train(), config.test());
        List<LabelledVectors> data =
                LabelledVectors.readAll(files, config.textColumn(), config.labelColumn(), encoder, progress);
        List<String> names = new ArrayList<>(config.strategies());
        if (!names.contains(SelectionStrategies.RANDOM)) {
            names.add(SelectionStrategies.RANDOM);
        }
        Map<String, List<ActiveLoop.Run>> runs = new LinkedHashMap<>();
        names.forEach(name -> runs.put(name, new ArrayList<>()));
        List<Long> seeds = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        int trainSize = 0;
        int testSize = 0;
        for (int k = 0; k < config.seeds(); k++) {
            long seed = config.firstSeed() + k;
            seeds.add(seed);
            LabelledVectors train = data.getFirst();
            LabelledVectors test;
            if (config.test() == null) {
                LabelledVectors[] parts = train.split(config.validationShare(), seed);
                train = parts[0];
                test = parts[1];
            } else {
                test = data.get(1);
            }
            trainSize = train.size();
            testSize = test.size();
            ActiveLoop loop = new ActiveLoop(train, test, trainer, blend);
            full.add(loop.fullAccuracy(seed));
            progress.printf("seed %d: %d training rows, %d test rows; full-training-set accuracy %.4f%n", seed,
                    train.size(), test.size(), full.getLast());
            for (String name : names) {
                long start = System.nanoTime();
                ActiveLoop.Run run = loop.run(SelectionStrategies.byName(name), config.seedPerLabel(),
                        config.batch(), config.budget(), seed);
                runs.get(name).add(run);
                CurvePoint last = run.curve().getLast();
                progress.printf("  %-22s %d labels: accuracy %.4f (%.0f s; per round: train %.2f s, select %.2f s)%n",
                        name, last.labels(), last.accuracy(), (System.nanoTime() - start) / 1e9,
                        run.trainSeconds(), run.selectSeconds());
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed_per_label", config.seedPerLabel());
        settings.put("batch", config.batch());
        settings.put("budget", config.budget());
        settings.put("validation_share", config.validationShare());
        settings.put("head", trainer.kind());
        settings.put("neighbours", blend.k());
        settings.put("head_weight", blend.headWeight());
        return ActiveBenchReport.summarise(config.train().toString(),
                config.test() == null ? "validation share of train" : config.test().toString(), trainSize, testSize,
                data.getFirst().labelSpace().size(), encoder.id(), settings, seeds, full, runs,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.version().toString(), machine());
    }

    private static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
    }
}
