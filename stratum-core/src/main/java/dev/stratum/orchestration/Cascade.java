package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.GeneralLayer;
import dev.stratum.api.GenerationAttempt;
import dev.stratum.api.Layer;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.store.Neighbour;
import dev.stratum.odd.OddVerdict;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import java.util.List;
import java.util.Map;

/**
 * Routes one embedded input through the layers: the hyperlocal model answers when it has anything to go on (a trained
 * head or validated neighbours) and its top probability reaches the task's threshold (see {@link
 * TaskRuntime#threshold()}); otherwise the general model answers. A task with an ODD policy replaces the threshold
 * by its guard (see {@link #decide(TaskRuntime, String, float[], NeighbourLookup, EngineTelemetry)}).
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

    /**
     * The answer of one layer, with the ODD guard's verdict on it when the task has a policy.
     *
     * @param verdict null when the task has no policy; otherwise, when it is not {@link OddVerdict#inside()} and its
     *     action is not fallback, the answer must not leave Stratum
     */
    record Decision(Distribution distribution, Layer layer, String modelVersion, OddVerdict verdict,
            List<GenerationAttempt> attempts) {
        Decision {
            attempts = List.copyOf(attempts);
        }

        Decision(Distribution distribution, Layer layer, String modelVersion, OddVerdict verdict) {
            this(distribution, layer, modelVersion, verdict, List.of());
        }

        Decision(Distribution distribution, Layer layer, String modelVersion) {
            this(distribution, layer, modelVersion, null);
        }

        /** Whether a label may go out: no policy, inside it, or the policy let another layer answer. */
        boolean answers() {
            return verdict == null || verdict.inside() || action() == OddAction.FALLBACK;
        }

        OddAction action() {
            return switch (verdict) {
                case OddVerdict.Abstained a -> a.action();
                case OddVerdict.Refused r -> r.action();
                case null, default -> null;
            };
        }
    }

    static final String MEMORY_ONLY = "memory";

    private final int neighbours;
    private final String generalVersion;
    private final LlmGeneralLayer llm;
    private final ExternalModels externals;

    /**
     * @param generalVersion names the local general layer's model in predictions: its encoder id
     * @param llm the language model for tasks whose general layer is {@code llm}, or null when none is configured
     */
    /**
     * @param externals the clients of versions fine-tuned elsewhere, or null when there are none (tests)
     */
    Cascade(int neighbours, String generalVersion, LlmGeneralLayer llm, ExternalModels externals) {
        this.neighbours = neighbours;
        this.generalVersion = generalVersion;
        this.llm = llm;
        this.externals = externals;
    }

    Cascade(int neighbours, String generalVersion) {
        this(neighbours, generalVersion, null, null);
    }

    /** Decides without an ODD check, as evaluation does: the models' answer alone, the general layer local. */
    Decision decide(TaskRuntime runtime, float[] embedding, NeighbourLookup lookup) {
        return decide(runtime, null, embedding, lookup, EngineTelemetry.NOOP, false, false);
    }

    /**
     * Decides as {@link #decide(TaskRuntime, float[], NeighbourLookup)} does, with the text, which a version
     * fine-tuned elsewhere needs: the evaluation gate judges such a version on the same examples as any other.
     */
    Decision decide(TaskRuntime runtime, String text, float[] embedding, NeighbourLookup lookup) {
        return decide(runtime, text, embedding, lookup, EngineTelemetry.NOOP, false, false);
    }

    /**
     * Decides as {@link #decide(TaskRuntime, String, float[], NeighbourLookup, EngineTelemetry)} does but never asks
     * the language model: for a shadow version, whose answer is compared, not given.
     */
    Decision decideLocally(TaskRuntime runtime, String text, float[] embedding, NeighbourLookup lookup) {
        return decide(runtime, text, embedding, lookup, EngineTelemetry.NOOP, true, false);
    }

    /**
     * Decides as the class comment says, timing the memory lookup and each layer consulted as stages of the current
     * request. When the task has an ODD policy, the hyperlocal model's answer must pass its guard instead of the
     * routing threshold: inside, the hyperlocal layer answers; outside, the policy's action applies, and only
     * {@code fallback} lets the general layer answer.
     */
    Decision decide(TaskRuntime runtime, String text, float[] embedding, NeighbourLookup lookup,
            EngineTelemetry telemetry) {
        return decide(runtime, text, embedding, lookup, telemetry, true, true);
    }

    private Decision decide(TaskRuntime runtime, String text, float[] embedding, NeighbourLookup lookup,
            EngineTelemetry telemetry, boolean enforcePolicy, boolean mayAskLlm) {
        List<Neighbour> near = telemetry.stage("memory_lookup",
                () -> lookup.nearest(runtime.task().id(), embedding, neighbours));
        Distribution hyperlocal = hyperlocal(runtime, text, embedding, near, telemetry);
        Request request = new Request(runtime, mayAskLlm && text != null ? text : null, embedding, near, telemetry);
        if (enforcePolicy && runtime.guard() != null) {
            return guarded(request, text, hyperlocal);
        }
        if (hyperlocal != null
                && hyperlocal.confidence() >= runtime.threshold()
                && runtime.task().hasLabel(hyperlocal.top())) {
            return new Decision(hyperlocal, Layer.HYPERLOCAL, hyperlocalVersion(runtime));
        }
        return general(request, null);
    }

    /**
     * The hyperlocal layer's distribution: the trained head blended with the memory's vote, or, for a version
     * fine-tuned elsewhere, its endpoint's answer; null when there is nothing to go on.
     */
    private Distribution hyperlocal(TaskRuntime runtime, String text, float[] embedding, List<Neighbour> near,
            EngineTelemetry telemetry) {
        if (ExternalModels.isExternal(runtime.version())) {
            return externals == null || text == null
                    ? null
                    : telemetry.stage("hyperlocal", () -> externals.classify(runtime.version(), runtime.task(), text));
        }
        return near.isEmpty() && runtime.head() == null
                ? null
                : telemetry.stage("hyperlocal", () -> runtime.hyperlocal().predict(embedding, near));
    }

    /**
     * What one decision works on.
     *
     * @param llmText the text the language model may be asked about, or null when it must not be asked
     */
    private record Request(TaskRuntime runtime, String llmText, float[] embedding, List<Neighbour> near,
            EngineTelemetry telemetry) {}

    private Decision guarded(Request request, String text, Distribution hyperlocal) {
        TaskRuntime runtime = request.runtime();
        float[] embedding = request.embedding();
        // Without a hyperlocal answer (nothing learnt yet) the guard abstains for want of a calibration; the local
        // general layer's distribution then supplies the candidates.
        Decision checked = hyperlocal != null
                ? new Decision(hyperlocal, Layer.HYPERLOCAL, hyperlocalVersion(runtime))
                : localGeneral(request, null, List.of());
        OddVerdict verdict = request.telemetry().stage("odd",
                () -> runtime.guard().check(text, embedding, checked.distribution(), request.near(),
                        runtime.ensembleUncertainty(embedding)));
        Decision decided = new Decision(checked.distribution(), checked.layer(), checked.modelVersion(), verdict);
        // Falling back to the general layer: its local answer is already here unless the language model must be asked.
        if (decided.action() == OddAction.FALLBACK && (checked.layer() == Layer.HYPERLOCAL || asksLlm(request))) {
            return general(request, verdict);
        }
        return decided;
    }

    /** Whether the general layer of this request is the language model. */
    private boolean asksLlm(Request request) {
        return request.llmText() != null && llm != null
                && request.runtime().task().settings().generalLayer() == GeneralLayer.LLM;
    }

    /** The general layer's answer: the language model when the task asks for it and one is configured, else local. */
    private Decision general(Request request, OddVerdict verdict) {
        TaskRuntime runtime = request.runtime();
        if (!asksLlm(request)) {
            return localGeneral(request, verdict, List.of());
        }
        LlmGeneralLayer.Answer answer = request.telemetry().stage("general",
                () -> llm.classify(runtime.task(), request.llmText(), request.near()));
        if (answer.distribution() == null) {
            return localGeneral(request, verdict, answer.attempts());
        }
        return new Decision(answer.distribution(), Layer.GENERAL, answer.modelVersion(), verdict, answer.attempts());
    }

    private Decision localGeneral(Request request, OddVerdict verdict, List<GenerationAttempt> attempts) {
        Distribution general = request.telemetry().stage("general",
                () -> request.runtime().general().predict(request.embedding()));
        return new Decision(general, Layer.GENERAL, generalVersion, verdict, attempts);
    }

    private static String hyperlocalVersion(TaskRuntime runtime) {
        return runtime.version() == null ? MEMORY_ONLY : runtime.version().id();
    }
}
