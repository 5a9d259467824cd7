package dev.stratum.api.analysis;

import java.util.List;

/**
 * A task's most confident recent predictions, highest confidence first, each explained.
 *
 * @param scanned how many of the newest predictions were looked at
 */
public record ConfidentPredictions(int scanned, List<ExplainedPrediction> items) {
    public ConfidentPredictions {
        items = List.copyOf(items);
    }
}
