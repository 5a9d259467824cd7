package dev.stratum.api.lifecycle;

import dev.stratum.api.ModelVersion;
import java.util.List;

/**
 * Everything recorded about one model version: the version (with its provenance, metrics and state), every change of
 * its state, the evaluation gate's report, and what it did on live traffic while it was on trial.
 *
 * @param history oldest first
 * @param gate null for a version trained before the gate existed
 * @param trial null unless the version is in shadow or canary now
 */
public record ModelDetails(ModelVersion version, List<StateChange> history, GateReport gate, TrialStats trial) {
    public ModelDetails {
        history = List.copyOf(history);
    }
}
