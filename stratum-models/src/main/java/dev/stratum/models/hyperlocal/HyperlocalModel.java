package dev.stratum.models.hyperlocal;

import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.EmbeddingClassifier;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.store.Neighbour;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hyperlocal layer of one task: the trained head (once there is one) blended with a vote of the nearest stored
 * examples, over the task's current labels.
 *
 * <p>The blend, in order: when the nearest example is at least {@link HyperlocalConfig#duplicateSimilarity()}
 * similar, the text is taken to be that example and the vote alone answers (so a correction counts from the moment
 * it is stored, before any retraining); without a head, the vote answers; without neighbours, the head answers;
 * otherwise {@code headWeight * head + (1 - headWeight) * vote}, label by label. With neither, every label gets the
 * same probability, which no confidence threshold above {@code 1 / labels} accepts.
 *
 * <p>The head may know fewer labels than the task (labels added since it was trained): those get probability 0 from
 * it. Head and neighbour labels that the task no longer has are dropped.
 *
 * <p>The {@link HyperlocalConfig#DEFAULTS defaults} come from {@code stratum bench tune}, cross-validation inside the
 * BANKING77 training file only (never its test file), together with the encoder and the head's L2 penalty: the
 * blended model's accuracy at 10 and 30 examples per label (2 samples each, validated on 2,000 other training texts)
 * and on 3 folds of the whole file, for 10 neighbours against 5 and 20, vote temperatures 0.01, 0.02, 0.05 and 0.1,
 * and head weights 0.25, 0.5 and 0.75. With the default encoder (bge-small-en-v1.5) 10 neighbours, temperature 0.02
 * and weight 0.5 won: blending beat the better part alone at every setting. The prior pseudo-neighbour at similarity
 * 0.6 only matters when the memory holds nothing close, where it keeps the vote from claiming certainty. The
 * duplicate threshold of 0.985 is a behaviour, not a fitted number: it is the similarity the default encoder keeps
 * for three quarters of training texts with small edits (case, end punctuation, a greeting, a word changed), measured
 * on training texts.
 */
public final class HyperlocalModel implements EmbeddingClassifier {
    private final List<String> labels;
    private final TrainedHead head;
    private final NeighbourLookup memory;
    private final HyperlocalConfig config;
    private final NearestNeighbourVote vote;

    private HyperlocalModel(List<String> labels, TrainedHead head, NeighbourLookup memory, HyperlocalConfig config) {
        this.labels = List.copyOf(labels);
        this.head = head;
        this.memory = memory;
        this.config = config;
        this.vote = NearestNeighbourVote.create(labels, config.voteTemperature(), config.priorSimilarity());
    }

    /**
     * A model over the task's {@code labels}.
     *
     * @param head the trained head, or null before the first training
     * @param memory the task's nearest-neighbour memory, asked for {@link HyperlocalConfig#k()} neighbours
     */
    public static HyperlocalModel create(
            List<String> labels, TrainedHead head, NeighbourLookup memory, HyperlocalConfig config) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a hyperlocal model needs at least one label");
        }
        return new HyperlocalModel(labels, head, memory, config);
    }

    /** A model with the {@link HyperlocalConfig#DEFAULTS default} blend. */
    public static HyperlocalModel create(List<String> labels, TrainedHead head, NeighbourLookup memory) {
        return create(labels, head, memory, HyperlocalConfig.DEFAULTS);
    }

    public Optional<TrainedHead> head() {
        return Optional.ofNullable(head);
    }

    public HyperlocalConfig config() {
        return config;
    }

    public List<String> labels() {
        return labels;
    }

    /** Looks up the {@link HyperlocalConfig#k() k} nearest examples in the memory, then blends. */
    @Override
    public Distribution predict(float[] embedding) {
        return predict(embedding, memory.nearest(embedding, config.k()));
    }

    /** Blends the head's answer with the vote of {@code neighbours}, already looked up by the caller. */
    public Distribution predict(float[] embedding, List<Neighbour> neighbours) {
        float nearest = Float.NEGATIVE_INFINITY;
        for (Neighbour n : neighbours) {
            nearest = Math.max(nearest, n.similarity());
        }
        boolean duplicate = nearest >= config.duplicateSimilarity();
        if (head == null || duplicate) {
            return vote.vote(neighbours);
        }
        Map<String, Double> fromHead = byLabel(head.predict(embedding));
        double headWeight = neighbours.isEmpty() ? 1 : config.headWeight();
        Map<String, Double> fromVote = neighbours.isEmpty() ? Map.of() : byLabel(vote.vote(neighbours));
        double[] blended = new double[labels.size()];
        double sum = 0;
        for (int c = 0; c < blended.length; c++) {
            String label = labels.get(c);
            double p = headWeight * fromHead.getOrDefault(label, 0.0)
                    + (1 - headWeight) * fromVote.getOrDefault(label, 0.0);
            blended[c] = p;
            sum += p;
        }
        if (!(sum > 0)) {
            return vote.vote(List.of());
        }
        for (int c = 0; c < blended.length; c++) {
            blended[c] /= sum;
        }
        return Distribution.of(labels, blended);
    }

    private static Map<String, Double> byLabel(Distribution distribution) {
        Map<String, Double> map = new HashMap<>(distribution.scores().size() * 2);
        for (LabelScore score : distribution.scores()) {
            map.put(score.label(), score.score());
        }
        return map;
    }
}
