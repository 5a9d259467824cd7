package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A strategy that gives every pool item a score, higher meaning more worth a label, and takes the best. Without a
 * model yet it picks a {@link ColdStart cold-start} seed set instead.
 */
abstract class ScoredSelection implements SelectionStrategy {
    /** One score per pool item; called only when the context {@link SelectionContext#hasModel() has a model}. */
    abstract double[] scores(SelectionContext context);

    @Override
    public List<Integer> select(SelectionContext context, int count) {
        if (!context.hasModel()) {
            return ColdStart.select(context.pool(), count, context.seed());
        }
        return best(scores(context), count);
    }

    /** The indexes of the {@code count} highest scores, highest first; ties go to the lower index. */
    static List<Integer> best(double[] scores, int count) {
        List<Integer> order = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        return List.copyOf(order.subList(0, Math.min(count, order.size())));
    }
}
