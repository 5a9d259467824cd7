package dev.stratum.learning.active;

import java.util.List;

/**
 * A way to choose which items of an unlabelled pool a person should label next. Implementations are deterministic
 * for a given {@link SelectionContext} (its seed included) and stateless, so one instance serves every task.
 */
public interface SelectionStrategy {
    /** The name {@link SelectionStrategies#byName} knows this strategy by. */
    String name();

    /**
     * Up to {@code count} distinct indexes into {@link SelectionContext#pool()}, the item to label first first. Fewer
     * only when the pool has fewer items.
     */
    List<Integer> select(SelectionContext context, int count);
}
