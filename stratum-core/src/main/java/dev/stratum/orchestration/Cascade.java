package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.Layer;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Neighbour;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import java.util.List;
import java.util.Map;

/**
 * Routes one embedded input through the layers: the hyperlocal model answers when it has anything to go on (a trained
 * head or validated neighbours) and its top probability reaches the task's threshold (see {@link
 * TaskRuntime#threshold()}); otherwise the general model answers.
 */
final class Cascade {
    /** Where the hyperlocal memory looks for a task's nearest validated examples. */
    @FunctionalInterface
    interface NeighbourLookup {
        List<Neighbour> nearest(String taskId, float[] query, int k);

        /**
         * An exact, in-memory memory of just {@code examples}: what evaluation on a held-out share uses, so that the
         * held-out examples (which are in the task's index) cannot find themselves.
         */
        static NeighbourLookup over(List<Example> examples, Map<String, float[]> vectors) {
            ExactNeighbourSearch search = ExactNeighbourSearch.of(
                    examples.stream().map(e -> vectors.get(e.text())).toList(),
                    examples.stream().map(Example::label).toList());
            return (taskId, query, k) -> search.nearest(query, k);
        }
    }

    /** The answer of one layer. */
    record Decision(Distribution distribution, Layer layer, String modelVersion) {}

    static final String MEMORY_ONLY = "memory";

    private final int neighbours;
    private final String generalVersion;

    /** {@code generalVersion} names the general layer's model in predictions: its encoder id. */
    Cascade(int neighbours, String generalVersion) {
        this.neighbours = neighbours;
        this.generalVersion = generalVersion;
    }

    Decision decide(TaskRuntime runtime, float[] embedding, NeighbourLookup lookup) {
        return decide(runtime, embedding, lookup, EngineTelemetry.NOOP);
    }

    /** Decides as above, timing the memory lookup and each layer consulted as stages of the current request. */
    Decision decide(TaskRuntime runtime, float[] embedding, NeighbourLookup lookup, EngineTelemetry telemetry) {
        Distribution hyperlocal = hyperlocal(runtime, embedding, lookup, telemetry);
        if (hyperlocal != null
                && hyperlocal.confidence() >= runtime.threshold()
                && runtime.task().hasLabel(hyperlocal.top())) {
            String version = runtime.version() == null ? MEMORY_ONLY : runtime.version().id();
            return new Decision(hyperlocal, Layer.HYPERLOCAL, version);
        }
        Distribution general = telemetry.stage("general", () -> runtime.general().predict(embedding));
        return new Decision(general, Layer.GENERAL, generalVersion);
    }

    private Distribution hyperlocal(TaskRuntime runtime, float[] embedding, NeighbourLookup lookup,
            EngineTelemetry telemetry) {
        List<Neighbour> near = telemetry.stage("memory_lookup",
                () -> lookup.nearest(runtime.task().id(), embedding, neighbours));
        if (near.isEmpty() && runtime.head() == null) {
            return null;
        }
        return telemetry.stage("hyperlocal", () -> runtime.hyperlocal().predict(embedding, near));
    }
}
