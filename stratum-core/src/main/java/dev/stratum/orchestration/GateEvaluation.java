package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.lifecycle.GateConfig;
import dev.stratum.api.lifecycle.GateReport;
import dev.stratum.lifecycle.EvaluationGate;
import dev.stratum.lifecycle.PairedOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a candidate is compared with production without leaking: a share of each task's validated examples ({@link
 * GateConfig#holdoutShare()}), chosen by a hash of their text, is held out of every training once the task has
 * {@link GateConfig#minExamples()} examples. Because the choice depends on the text alone, an example is on the same side for every version, so
 * neither the candidate nor a production version trained this way has seen a held-out example, whenever it was
 * trained. A production version trained on everything (before the task reached the minimum, or before the gate
 * existed) has seen the held-out examples it was trained on; those are left out of the comparison. Both versions
 * answer through the cascade, with a memory of the candidate's training examples only, and without the ODD policy.
 */
final class GateEvaluation {
    /** Metric of a version: the share it held out (0 when it trained on everything). */
    static final String HOLDOUT_METRIC = "gate_holdout_share";
    static final String MAX_EXAMPLE_ID = "max_example_id";

    private GateEvaluation() {}

    /**
     * The examples to train on and to hold out.
     *
     * @param configuredShare the share the gate holds out once the task has enough examples
     */
    record Split(List<Example> train, List<Example> heldOut, double configuredShare) {
        /** The share actually held out: 0 when the task was too small to hold anything out. */
        double share() {
            return heldOut.isEmpty() ? 0 : configuredShare;
        }
    }

    static Split split(List<Example> examples, GateConfig config) {
        if (examples.size() < config.minExamples()) {
            return new Split(examples, List.of(), config.holdoutShare());
        }
        List<Example> train = new ArrayList<>();
        List<Example> heldOut = new ArrayList<>();
        for (Example example : examples) {
            (heldOut(example.text(), config.holdoutShare()) ? heldOut : train).add(example);
        }
        return new Split(train, heldOut, config.holdoutShare());
    }

    /**
     * Whether the gate holds this text out at this share: the first 4 bytes of its SHA-256, as a fraction, below the
     * share. So the examples held out at a smaller share are among those held out at a larger one.
     */
    static boolean heldOut(String text, double share) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long first = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8)
                    | (hash[3] & 0xffL);
            return first < share * (1L << 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * Judges {@code candidate} against {@code production} (null when the task has none it can serve) on the held-out
     * examples neither has seen.
     */
    static GateReport judge(GateConfig config, Cascade cascade, Split split, TaskRuntime candidate,
            TaskRuntime production, Map<String, float[]> vectors) {
        EvaluationGate gate = new EvaluationGate(config);
        Cascade.NeighbourLookup memory = Cascade.NeighbourLookup.over(split.train(), vectors);
        List<Example> unseen = production == null ? split.heldOut() : unseenBy(production.version(), split.heldOut());
        if (unseen.isEmpty() && production != null && split.heldOut().isEmpty()) {
            return skipped(config, split.train().size());
        }
        List<PairedOutcome> outcomes = new ArrayList<>(unseen.size());
        for (Example example : unseen) {
            float[] vector = vectors.get(example.text());
            String mine = cascade.decide(candidate, example.text(), vector, memory).distribution().top();
            String theirs = production == null ? null : cascade.decide(production, example.text(), vector, memory)
                    .distribution().top();
            outcomes.add(new PairedOutcome(example.label(), theirs, mine, example.createdAt()));
        }
        return production == null ? gate.evaluateFirstVersion(outcomes) : gate.evaluate(outcomes);
    }

    /**
     * The held-out examples {@code production} was not trained on: newer than its training, or held out by the share
     * it was trained with (0 when it trained on everything).
     */
    private static List<Example> unseenBy(ModelVersion production, List<Example> heldOut) {
        double share = production.metrics().getOrDefault(HOLDOUT_METRIC, 0.0);
        double upTo = production.metrics().getOrDefault(MAX_EXAMPLE_ID, Double.MAX_VALUE);
        return heldOut.stream().filter(e -> e.id() > upTo || share > 0 && heldOut(e.text(), share)).toList();
    }

    /** A task too small to hold anything out: the gate has nothing to judge on, and says so. */
    private static GateReport skipped(GateConfig config, int examples) {
        String reason = String.format(Locale.ROOT, "the task has %d validated examples, fewer than the %d from which"
                + " %d%% are held out for the gate, so the candidate was not compared with production; it passes"
                + " unjudged", examples, config.minExamples(), Math.round(100 * config.holdoutShare()));
        return new GateReport(true, List.of(reason), false, 0, null, 0, 0, 0, 1, Map.of(),
                new GateReport.Window(config.recentShare(), 0, null, null, 0, 0, 0, 1), config);
    }
}
