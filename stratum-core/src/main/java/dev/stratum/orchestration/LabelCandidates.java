package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.Prediction;
import dev.stratum.api.analysis.CandidateLabel;
import dev.stratum.api.analysis.CandidateMember;
import dev.stratum.api.analysis.LabelSuggestions;
import dev.stratum.api.odd.OddRule;
import dev.stratum.api.store.Store;
import dev.stratum.learning.errors.NewLabelGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suggests new labels from what a task did not answer: inputs reviewers marked out of scope, predictions the ODD check
 * refused as out of domain, and predictions whose feedback rejected them, grouped by {@link NewLabelGroups}. Computed
 * on request from at most {@link #MAX_INPUTS} inputs (their embeddings come from the cache after the first time).
 */
final class LabelCandidates {
    /** The most inputs grouped: the newest, since a new label is about what the task is asked now. */
    static final int MAX_INPUTS = 1_000;
    /** How many of the newest predictions are searched for refused or rejected ones. */
    static final int SCANNED_PREDICTIONS = 5_000;

    private final Store store;
    private final Embeddings embeddings;

    LabelCandidates(Store store, Embeddings embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    LabelSuggestions suggest(String taskId, int minSize) {
        Map<String, CandidateMember> inputs = inputs(taskId);
        List<Example> examples = store.examples().all(taskId);
        List<String> texts = new ArrayList<>(inputs.keySet());
        Map<String, float[]> vectors = embeddings.forExamples(texts);
        Map<String, float[]> exampleVectors = embeddings.forExamples(examples.stream().map(Example::text).toList());
        Map<String, List<float[]>> byLabel = new TreeMap<>();
        examples.forEach(e -> byLabel.computeIfAbsent(e.label(), l -> new ArrayList<>())
                .add(exampleVectors.get(e.text())));
        NewLabelGroups.Result result = NewLabelGroups.find(texts.stream().map(vectors::get).toList(), texts, byLabel,
                examples.stream().map(Example::text).toList(), minSize);
        List<CandidateLabel> candidates = new ArrayList<>();
        for (NewLabelGroups.Group g : result.groups()) {
            List<CandidateMember> members = g.members().stream().map(i -> inputs.get(texts.get(i))).toList();
            candidates.add(new CandidateLabel(g.terms(), members.getFirst().text(), g.cohesion(), g.nearestLabel(),
                    g.nearestLabelSimilarity(), members));
        }
        return new LabelSuggestions(texts.size(), minSize, result.threshold(), candidates,
                message(taskId, texts.size(), result, minSize));
    }

    /** The unanswered inputs, newest first, each text once. */
    private Map<String, CandidateMember> inputs(String taskId) {
        Map<String, CandidateMember> inputs = new LinkedHashMap<>();
        for (String text : store.reviews().outOfScopeTexts(taskId, MAX_INPUTS)) {
            inputs.putIfAbsent(text, new CandidateMember(text, "out_of_scope", null));
        }
        for (Prediction p : store.predictions().recent(taskId, SCANNED_PREDICTIONS)) {
            if (inputs.size() >= MAX_INPUTS) {
                break;
            }
            String origin = origin(p);
            if (origin != null) {
                inputs.putIfAbsent(p.text(), new CandidateMember(p.text(), origin, p.id()));
            }
        }
        return inputs;
    }

    /** Why a prediction counts as unanswered, or null when it does not. */
    private static String origin(Prediction p) {
        if (p.feedback() != null) {
            return p.feedback().action() == FeedbackAction.REJECT ? "rejected" : null;
        }
        return p.odd() != null && !p.odd().inside() && p.odd().rule() == OddRule.OUT_OF_DOMAIN ? "out_of_domain" : null;
    }

    private static String message(String taskId, int inputs, NewLabelGroups.Result result, int minSize) {
        if (result.threshold() == null) {
            return "task '" + taskId + "' has no label with " + NewLabelGroups.MIN_LABEL_EXAMPLES + " or more"
                    + " examples, so there is nothing to measure how alike a label's inputs are; label more examples"
                    + " first";
        }
        if (inputs < minSize) {
            return "only " + inputs + " out-of-scope, out-of-domain or rejected inputs so far; a group needs "
                    + minSize;
        }
        if (result.groups().isEmpty()) {
            return "no group of " + minSize + " or more of the " + inputs + " unanswered inputs is as alike as the"
                    + " examples of a typical label";
        }
        return null;
    }
}
