package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.List;

/**
 * A diversity-aware batch over any scored strategy, so that a batch is not a run of near-copies of one confusing
 * item: the best-scoring {@code candidatesPerPick * count} items are split into {@code count} clusters by their
 * embeddings, and each cluster gives its best-scoring member (in the spirit of Citovsky et al. 2021, cluster-margin).
 * The batch comes out best score first.
 *
 * <p>Clustering costs about {@code 10 * candidates * count} vector products, so ask for a batch (the next hundred
 * items to review), not for a ranking of a whole large pool; re-rank after each retraining instead.
 */
final class DiverseSelection implements SelectionStrategy {
    private final ScoredSelection base;
    private final int candidatesPerPick;

    DiverseSelection(ScoredSelection base, int candidatesPerPick) {
        if (candidatesPerPick < 1) {
            throw new IllegalArgumentException("candidates per pick must be at least 1, got " + candidatesPerPick);
        }
        this.base = base;
        this.candidatesPerPick = candidatesPerPick;
    }

    /** The strategy whose scores the batch is chosen by. */
    ScoredSelection base() {
        return base;
    }

    @Override
    public String name() {
        return SelectionStrategies.DIVERSE_PREFIX + base.name();
    }

    @Override
    public List<Integer> select(SelectionContext context, int count) {
        if (!context.hasModel()) {
            return ColdStart.select(context.pool(), count, context.seed());
        }
        return select(context, base.scores(context), count);
    }

    /** The batch from scores already computed by {@link #base()}. */
    List<Integer> select(SelectionContext context, double[] scores, int count) {
        List<Integer> candidates = ScoredSelection.best(scores, (int) Math.min(Integer.MAX_VALUE,
                (long) candidatesPerPick * count));
        if (candidates.size() <= count) {
            return candidates;
        }
        List<float[]> vectors = new ArrayList<>(candidates.size());
        for (int i : candidates) {
            vectors.add(context.pool().get(i));
        }
        int[] cluster = SphericalKMeans.cluster(vectors, count, context.seed()).assignment();
        boolean[] clusterUsed = new boolean[count];
        boolean[] picked = new boolean[candidates.size()];
        List<Integer> batch = new ArrayList<>(count);
        // Candidates are best first, so the first member met in each cluster is its best.
        for (int j = 0; j < candidates.size(); j++) {
            if (!clusterUsed[cluster[j]]) {
                clusterUsed[cluster[j]] = true;
                picked[j] = true;
                batch.add(candidates.get(j));
            }
        }
        // Clusters left empty leave the batch short: the best candidates not yet taken fill it.
        for (int j = 0; j < candidates.size() && batch.size() < count; j++) {
            if (!picked[j]) {
                batch.add(candidates.get(j));
            }
        }
        batch.sort((a, b) -> Double.compare(scores[b], scores[a]) != 0
                ? Double.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        return List.copyOf(batch);
    }
}
