package dev.stratum.learning.active;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Random sampling, the baseline every other strategy must beat; random even before the first label. */
final class RandomSelection implements SelectionStrategy {
    @Override
    public String name() {
        return SelectionStrategies.RANDOM;
    }

    @Override
    public List<Integer> select(SelectionContext context, int count) {
        List<Integer> order = new ArrayList<>(context.pool().size());
        for (int i = 0; i < context.pool().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(context.seed()));
        return List.copyOf(order.subList(0, Math.min(count, order.size())));
    }
}
