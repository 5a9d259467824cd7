package dev.stratum.learning.training;

import dev.stratum.api.Example;
import dev.stratum.api.Provenance;
import dev.stratum.api.Task;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.odd.OddCalibration;
import dev.stratum.odd.OddCalibrator;
import dev.stratum.odd.uncertainty.HeadEnsemble;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains one hyperlocal head from a task's validated examples and their cached embeddings, and describes the result
 * with its provenance: the fingerprint of the exact data, the encoder, the hyperparameters and the seed.
 */
public final class HyperlocalTraining {
    /** The code version recorded in provenance: the jar's implementation version, or "dev" when run from classes. */
    public static final String CODE_VERSION = codeVersion();

    /** The most examples an ODD calibration is measured on. */
    public static final int MAX_CALIBRATION_EXAMPLES = 4_000;
    /** How many bootstrap heads measure each prediction's disagreement (BALD). */
    public static final int ENSEMBLE_SIZE = 5;

    private final HeadTrainer trainer;
    private final long seed;

    public HyperlocalTraining(HeadTrainer trainer, long seed) {
        this.trainer = trainer;
        this.seed = seed;
    }

    /** A trained head, its provenance and the numbers measured while training. */
    public record Result(TrainedHead head, Provenance provenance, Map<String, Double> metrics) {}

    /**
     * Trains on {@code examples} (oldest first); {@code vectors} maps each example text to its embedding.
     *
     * @throws IllegalArgumentException when an example has no vector
     */
    public Result train(Task task, List<Example> examples, Map<String, float[]> vectors, String encoderId,
            String trigger) {
        List<float[]> x = new ArrayList<>(examples.size());
        List<String> y = new ArrayList<>(examples.size());
        long maxId = 0;
        for (Example example : examples) {
            float[] vector = vectors.get(example.text());
            if (vector == null) {
                throw new IllegalArgumentException("example " + example.id() + " has no embedding");
            }
            x.add(vector);
            y.add(example.label());
            maxId = Math.max(maxId, example.id());
        }
        long start = System.nanoTime();
        TrainedHead head = trainer.train(new TrainingSet(x, y, task.labelNames()), seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        int right = 0;
        for (int i = 0; i < x.size(); i++) {
            Distribution d = head.predict(x.get(i));
            right += d.top().equals(y.get(i)) ? 1 : 0;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("examples", (double) examples.size());
        metrics.put("labels_with_examples", (double) y.stream().distinct().count());
        metrics.put("train_seconds", Math.round(seconds * 1000) / 1000.0);
        metrics.put("train_accuracy", x.isEmpty() ? 0 : Math.round(10_000.0 * right / x.size()) / 10_000.0);
        metrics.put("max_example_id", (double) maxId);
        Provenance provenance = new Provenance(fingerprint(examples), examples.size(), List.of(encoderId),
                head.hyperparameters(), seed, CODE_VERSION, trigger);
        return new Result(head, provenance, metrics);
    }

    /** What a version's ODD checks need: its calibration, and the ensemble whose disagreement gives BALD. */
    public record OddArtifacts(OddCalibration calibration, HeadEnsemble ensemble) {}

    /**
     * Measures what the task's ODD checks need (see {@link OddCalibrator}) on a random sample of at most
     * {@link #MAX_CALIBRATION_EXAMPLES} of {@code examples}, by cross-fitting models trained as {@link #train} trains,
     * and trains an ensemble of {@link #ENSEMBLE_SIZE} heads on bootstrap resamples of the same sample. The sample
     * bounds the cost (folds plus ensemble trainings, and an exact neighbour search quadratic in the sample); a
     * sample of a large task calibrates models weaker than the served one, so prediction sets come out larger and
     * coverage higher than the target, never lower for that reason. Null when there are fewer than 2 examples.
     *
     * @param rejected embeddings of inputs reviewers marked out of scope for the task
     */
    public OddArtifacts calibrate(Task task, List<Example> examples, Map<String, float[]> vectors,
            List<float[]> rejected) {
        if (examples.size() < 2) {
            return null;
        }
        List<Example> sample = new ArrayList<>(examples);
        if (sample.size() > MAX_CALIBRATION_EXAMPLES) {
            Collections.shuffle(sample, new Random(seed));
            sample = new ArrayList<>(sample.subList(0, MAX_CALIBRATION_EXAMPLES));
            sample.sort(Comparator.comparingLong(Example::id));
        }
        TrainingSet data = new TrainingSet(sample.stream().map(e -> vectors.get(e.text())).toList(),
                sample.stream().map(Example::label).toList(), task.labelNames());
        OddCalibration calibration = OddCalibrator.hyperlocal(trainer, HyperlocalConfig.DEFAULTS,
                OddCalibrator.Settings.DEFAULTS.withSeed(seed)).calibrate(data, rejected);
        return new OddArtifacts(calibration, HeadEnsemble.train(trainer, data, ENSEMBLE_SIZE, seed));
    }

    /** SHA-256 over each example's text and label, in order: equal fingerprints mean equal training data. */
    public static String fingerprint(List<Example> examples) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example example : examples) {
                digest.update(example.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(example.label().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String codeVersion() {
        String version = HyperlocalTraining.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
