package dev.stratum.api.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A page of a task's examples sorted by out-of-fold loss, worst first. Examples changed or deleted since the analysis
 * ran are left out; confirmed ones too unless asked for.
 *
 * @param run the analysis behind the list; its status is {@code computing} while a newer one runs
 * @param suspects how many listed examples confident learning flags as label errors and nobody confirmed
 * @param listed how many examples the list holds, over all pages
 */
public record LabelLosses(@JsonUnwrapped AnalysisRun run, int suspects, int listed, int offset, int limit,
        List<SuspectExample> items) {
    public LabelLosses {
        items = List.copyOf(items);
    }
}
