package dev.stratum.api.analysis;

import java.util.List;

/**
 * Two labels the out-of-fold model mixes up, in both directions.
 *
 * @param firstAsSecond examples labelled {@code first} predicted as {@code second}
 * @param secondAsFirst examples labelled {@code second} predicted as {@code first}
 * @param examples some of them, the most confident mistakes first
 */
public record ConfusedPair(String first, String second, int firstAsSecond, int secondAsFirst,
        List<ConfusedExample> examples) {
    public ConfusedPair {
        examples = List.copyOf(examples);
    }

    public int total() {
        return firstAsSecond + secondAsFirst;
    }
}
