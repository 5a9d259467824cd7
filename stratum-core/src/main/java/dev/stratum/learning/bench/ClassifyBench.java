package dev.stratum.learning.bench;

import dev.stratum.api.Label;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.general.ZeroShotClassifier;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NearestNeighbourVote;
import dev.stratum.models.hyperlocal.SoftmaxRegressionTrainer;
import dev.stratum.store.vector.LuceneVectorIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code stratum bench classify}: for each setting of shots and each seed, trains a fresh hyperlocal model (a head and
 * a nearest-neighbour memory in a real Lucene index in a temporary directory) on a sample of the training file, and
 * measures its accuracy on the test file. Then times predict latency on the largest setting and scores the zero-shot
 * general layer for orientation. Each distinct text is embedded once per run. The label space is the training
 * file's labels; a test row whose label the training file lacks counts as an error.
 */
public final class ClassifyBench {
    private ClassifyBench() {}

    /** Runs with the config's encoder, the default softmax-regression trainer and the default blend. */
    public static BenchReport run(BenchConfig config, PrintStream progress) {
        BenchEncoders encoders = new BenchEncoders();
        return run(config, encoders.memoised(config.encoder()), encoders.real(config.encoder()),
                new SoftmaxRegressionTrainer(), HyperlocalConfig.DEFAULTS, progress);
    }

    /** Runs with {@code encoder} for accuracy and for the predict latency. */
    public static BenchReport run(BenchConfig config, EmbeddingModel encoder, HeadTrainer trainer,
            HyperlocalConfig blend, PrintStream progress) {
        return run(config, encoder, encoder, trainer, blend, progress);
    }

    /**
     * Runs with {@code encoder} for accuracy (it may remember vectors) and {@code timed}, the same encoder as a
     * server runs it, for the predict latency.
     */
    static BenchReport run(BenchConfig config, EmbeddingModel encoder, EmbeddingModel timed, HeadTrainer trainer,
            HyperlocalConfig blend, PrintStream progress) {
        LabelledData train = LabelledData.read(config.train(), config.textColumn(), config.labelColumn());
        LabelledData test = LabelledData.read(config.test(), config.textColumn(), config.labelColumn());
        List<String> labels = train.labelSpace();
        progress.printf("read %d training rows (%d labels) and %d test rows%n", train.size(), labels.size(),
                test.size());
        EmbeddingMemo memo = new EmbeddingMemo(encoder);
        List<String> allTexts = new ArrayList<>(train.texts());
        allTexts.addAll(test.texts());
        memo.embedAll(allTexts, progress);

        String latencyShots = config.shots().stream()
                .max(Comparator.comparingInt(BenchConfig::perLabel)).orElseThrow();
        List<BenchReport.Setting> settings = new ArrayList<>();
        BenchReport.Latency latency = null;
        Map<String, Object> hyperparameters = Map.of();
        Path indexDir = createTempDir();
        try (LuceneVectorIndex index = LuceneVectorIndex.open(indexDir, encoder.dimension())) {
            for (String shots : config.shots()) {
                SettingRuns runs = new SettingRuns(shots);
                for (long seed = 1; seed <= config.seeds(); seed++) {
                    String taskId = "bench-" + shots + "-" + seed;
                    List<Integer> rows = train.sample(BenchConfig.perLabel(shots), seed);
                    long start = System.nanoTime();
                    for (int row : rows) {
                        index.upsert(taskId, row, train.labels().get(row), memo.get(train.texts().get(row)));
                    }
                    // As after an import: until the reader is reopened, searches also scan the recent changes.
                    index.flush();
                    double indexSeconds = (System.nanoTime() - start) / 1e9;
                    List<float[]> x = new ArrayList<>(rows.size());
                    List<String> y = new ArrayList<>(rows.size());
                    for (int row : rows) {
                        x.add(memo.get(train.texts().get(row)));
                        y.add(train.labels().get(row));
                    }
                    start = System.nanoTime();
                    TrainedHead head = trainer.train(new TrainingSet(x, y, labels), seed);
                    double trainSeconds = (System.nanoTime() - start) / 1e9;
                    hyperparameters = head.hyperparameters();
                    HyperlocalModel model =
                            HyperlocalModel.create(labels, head, (q, k) -> index.nearest(taskId, q, k), blend);
                    double[] accuracy = evaluate(model, head, index, taskId, test, memo, blend);
                    runs.add(seed, rows.size(), accuracy, trainSeconds, indexSeconds);
                    progress.printf("shots=%s seed=%d: %d examples, accuracy %.4f (head %.4f, memory %.4f), "
                                    + "train %.2f s, index %.2f s%n", shots, seed, rows.size(), accuracy[0],
                            accuracy[1], accuracy[2], trainSeconds, indexSeconds);
                    if (shots.equals(latencyShots) && seed == 1) {
                        List<String> texts = List.copyOf(new LinkedHashSet<>(test.texts()));
                        latency = LatencyProbe.measure(timed, model, texts, config.latencySamples());
                        progress.printf("predict latency on shots=%s: p50 %.2f ms, p99 %.2f ms%n", shots,
                                latency.p50(), latency.p99());
                    }
                    index.clear(taskId);
                }
                settings.add(runs.summary());
            }
        } finally {
            deleteRecursively(indexDir);
        }
        double zeroShot = zeroShotAccuracy(labels, encoder, test, memo);
        progress.printf("zero-shot general layer: accuracy %.4f%n", zeroShot);
        return new BenchReport(
                new BenchReport.Dataset(config.train().toString(), train.size(), train.skipped(),
                        config.test().toString(), test.size(), test.skipped(), labels.size()),
                encoder.id(), trainer.kind(), hyperparameters, blendFields(blend),
                new BenchReport.EmbeddingStats(
                        memo.size(), memo.seconds(), memo.size() / Math.max(1e-9, memo.seconds())),
                settings, latency, zeroShot, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.version().toString(), machine());
    }

    /** Accuracy of the blended model, of the head alone and of the memory's vote alone. */
    private static double[] evaluate(HyperlocalModel model, TrainedHead head, LuceneVectorIndex index, String taskId,
            LabelledData test, EmbeddingMemo memo, HyperlocalConfig blend) {
        NearestNeighbourVote vote = NearestNeighbourVote.create(model.labels(), blend.voteTemperature(),
                blend.priorSimilarity());
        int blended = 0;
        int headOnly = 0;
        int memoryOnly = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] v = memo.get(test.texts().get(i));
            String truth = test.labels().get(i);
            List<Neighbour> neighbours = index.nearest(taskId, v, blend.k());
            blended += model.predict(v, neighbours).top().equals(truth) ? 1 : 0;
            headOnly += head.predict(v).top().equals(truth) ? 1 : 0;
            memoryOnly += vote.vote(neighbours).top().equals(truth) ? 1 : 0;
        }
        double n = test.size();
        return new double[] {blended / n, headOnly / n, memoryOnly / n};
    }

    private static double zeroShotAccuracy(List<String> labels, EmbeddingModel encoder, LabelledData test,
            EmbeddingMemo memo) {
        ZeroShotClassifier general = ZeroShotClassifier.create(labels.stream().map(l -> new Label(l, null)).toList(),
                encoder);
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += general.predict(memo.get(test.texts().get(i))).top().equals(test.labels().get(i)) ? 1 : 0;
        }
        return right / (double) test.size();
    }

    private static Map<String, Object> blendFields(HyperlocalConfig blend) {
        return Map.of("k", blend.k(), "vote_temperature", blend.voteTemperature(), "prior_similarity",
                blend.priorSimilarity(), "head_weight", blend.headWeight(), "duplicate_similarity",
                blend.duplicateSimilarity());
    }

    static String machine() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("stratum-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for the bench's vector index", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the bench's temporary index in " + dir, e);
        }
    }
}
