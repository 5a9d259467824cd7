package dev.stratum.orchestration;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.analysis.AnalysedExample;
import dev.stratum.api.analysis.ConfidentPredictions;
import dev.stratum.api.analysis.ConfusedExample;
import dev.stratum.api.analysis.ConfusedPair;
import dev.stratum.api.analysis.ConfusionSummary;
import dev.stratum.api.analysis.DuplicateConflicts;
import dev.stratum.api.analysis.DuplicatePair;
import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.analysis.ExampleConfirmation;
import dev.stratum.api.analysis.LabelFix;
import dev.stratum.api.analysis.LabelLosses;
import dev.stratum.api.analysis.LabelSuggestions;
import dev.stratum.api.analysis.SuspectExample;
import dev.stratum.api.store.Store;
import dev.stratum.learning.errors.ConflictingDuplicates;
import dev.stratum.learning.errors.LabelIssue;
import dev.stratum.learning.errors.OutOfFoldConfusion;
import dev.stratum.learning.training.HyperlocalTraining;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Error analysis of a task, as the API offers it: the lists that come from the background out-of-fold analysis
 * ({@link OutOfFoldAnalyses}), read against the task's examples as they are now (an example fixed or deleted since
 * the analysis is left out, a confirmed one marked), the two actions on a suspected label error, and the explanations
 * and suggestions computed on request ({@link PredictionExplainer}, {@link LabelCandidates}).
 */
final class ErrorAnalysis implements ErrorAnalysisService {
    /** Fewer examples than this give each fold too little to learn from for a loss to mean anything. */
    static final int MIN_EXAMPLES = 2 * OutOfFoldAnalyses.FOLDS;
    private static final int EXAMPLES_PER_PAIR = 3;

    private final Store store;
    private final TaskRegistry tasks;
    private final Embeddings embeddings;
    private final Indexer indexer;
    private final TrainingLoop training;
    private final OutOfFoldAnalyses analyses;
    private final PredictionExplainer explainer;
    private final LabelCandidates candidates;
    private final Clock clock;

    ErrorAnalysis(Store store, TaskRegistry tasks, Embeddings embeddings, Indexer indexer, TrainingLoop training,
            OutOfFoldAnalyses analyses, PredictionExplainer explainer, LabelCandidates candidates, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.embeddings = embeddings;
        this.indexer = indexer;
        this.training = training;
        this.analyses = analyses;
        this.explainer = explainer;
        this.candidates = candidates;
        this.clock = clock;
    }

    /** The task's examples now, and the analysis for them as far as it has got. */
    private record Current(Map<Long, Example> examples, OutOfFoldAnalyses.View view) {
        /** Whether the analysed example {@code e} is still stored as it was analysed. */
        boolean unchanged(Example e) {
            Example now = examples.get(e.id());
            return now != null && now.label().equals(e.label());
        }
    }

    private Current current(String taskId) {
        TaskRuntime runtime = tasks.get(taskId);
        requireClassification(runtime.task());
        List<Example> examples = store.examples().all(taskId);
        long labels = examples.stream().map(Example::label).distinct().count();
        if (examples.size() < MIN_EXAMPLES || labels < 2) {
            throw new ConflictException("not_enough_examples", "task '" + taskId + "' has " + examples.size()
                    + " validated examples with " + labels + " distinct labels; the out-of-fold analysis needs at"
                    + " least " + MIN_EXAMPLES + " examples and 2 labels. Import or label more examples first");
        }
        Map<Long, Example> byId = new HashMap<>();
        examples.forEach(e -> byId.put(e.id(), e));
        String version = runtime.version() == null ? null : runtime.version().id();
        return new Current(byId, analyses.view(taskId, version, HyperlocalTraining.fingerprint(examples), examples));
    }

    @Override
    public LabelLosses losses(String taskId, int offset, int limit, boolean includeConfirmed) {
        Current current = current(taskId);
        OutOfFoldAnalyses.Result result = current.view().result();
        List<SuspectExample> listed = new ArrayList<>();
        int suspects = 0;
        if (result != null) {
            Set<Long> confirmed = store.examples().confirmedIds(taskId);
            for (LabelIssue issue : result.errors().ranked()) {
                Example e = result.examples().get(issue.index());
                boolean isConfirmed = confirmed.contains(e.id());
                if (!current.unchanged(e) || (isConfirmed && !includeConfirmed)) {
                    continue;
                }
                suspects += issue.flagged() && !isConfirmed ? 1 : 0;
                listed.add(new SuspectExample(e.id(), e.text(), e.label(), issue.suggestedLabel(), issue.loss(),
                        issue.givenProbability(), issue.suggestedProbability(), issue.flagged(), isConfirmed));
            }
        }
        int from = Math.min(offset, listed.size());
        return new LabelLosses(current.view().run(), suspects, listed.size(), offset, limit,
                listed.subList(from, Math.min(listed.size(), from + limit)));
    }

    @Override
    public ConfusionSummary confusion(String taskId, int pairs) {
        OutOfFoldAnalyses.View view = current(taskId).view();
        OutOfFoldAnalyses.Result result = view.result();
        if (result == null) {
            return new ConfusionSummary(view.run(), List.of(), List.of(), List.of());
        }
        OutOfFoldConfusion confusion = result.confusion();
        List<ConfusedPair> listed = new ArrayList<>();
        for (OutOfFoldConfusion.Pair pair : confusion.mostConfused(result.errors().ranked(), pairs, EXAMPLES_PER_PAIR)) {
            listed.add(new ConfusedPair(pair.first(), pair.second(), pair.firstAsSecond(), pair.secondAsFirst(),
                    pair.mistakes().stream().map(m -> {
                        Example e = result.examples().get(m.issue().index());
                        return new ConfusedExample(e.id(), e.text(), e.label(), m.predicted(), m.probability());
                    }).toList()));
        }
        List<List<Integer>> counts = Arrays.stream(confusion.counts())
                .map(row -> Arrays.stream(row).boxed().toList()).toList();
        return new ConfusionSummary(view.run(), confusion.labels(), counts, listed);
    }

    @Override
    public DuplicateConflicts duplicates(String taskId, int limit) {
        Current current = current(taskId);
        OutOfFoldAnalyses.Result result = current.view().result();
        double threshold = HyperlocalConfig.DEFAULTS.duplicateSimilarity();
        List<DuplicatePair> pairs = new ArrayList<>();
        if (result != null) {
            for (ConflictingDuplicates.Conflict c : result.conflicts()) {
                Example a = result.examples().get(c.first());
                Example b = result.examples().get(c.second());
                if (current.unchanged(a) && current.unchanged(b)) {
                    pairs.add(new DuplicatePair(c.similarity(), analysed(a), analysed(b)));
                }
            }
        }
        return new DuplicateConflicts(current.view().run(), threshold, pairs.size(),
                pairs.subList(0, Math.min(limit, pairs.size())));
    }

    private static AnalysedExample analysed(Example e) {
        return new AnalysedExample(e.id(), e.text(), e.label());
    }

    @Override
    public ConfidentPredictions confidentPredictions(String taskId, int limit) {
        requireClassification(tasks.get(taskId).task());
        return explainer.mostConfident(taskId, limit);
    }

    @Override
    public LabelSuggestions labelSuggestions(String taskId, int minSize) {
        requireClassification(tasks.get(taskId).task());
        return candidates.suggest(taskId, minSize);
    }

    @Override
    public LabelFix fixLabel(String taskId, long exampleId, String label, String reviewer) {
        Task task = tasks.get(taskId).task();
        requireClassification(task);
        task.requireLabel(label);
        Example old = example(taskId, exampleId);
        if (old.label().equals(label)) {
            throw new InvalidRequestException("same_label", "example " + exampleId + " of task '" + taskId
                    + "' already has label '" + label + "'; to keep it as it is, confirm it instead (POST /v1/tasks/"
                    + taskId + "/analysis/examples/" + exampleId + "/confirm)");
        }
        float[] vector = embeddings.forExamples(List.of(old.text())).get(old.text());
        Example fixed = store.examples().relabel(taskId, exampleId, label, reviewer, clock.instant())
                .orElseThrow(() -> missing(taskId, exampleId));
        indexer.remove(taskId, exampleId);
        indexer.indexNow(fixed, vector);
        training.onNewExamples(taskId);
        return new LabelFix(exampleId, old.label(), fixed);
    }

    @Override
    public ExampleConfirmation confirm(String taskId, long exampleId, String reviewer) {
        requireClassification(tasks.get(taskId).task());
        Example example = example(taskId, exampleId);
        var at = clock.instant();
        if (!store.examples().confirm(taskId, exampleId, reviewer, at)) {
            throw missing(taskId, exampleId);
        }
        return new ExampleConfirmation(taskId, exampleId, example.label(), reviewer, at);
    }

    @Override
    public Set<Long> unconfirmedSuspects(String taskId) {
        tasks.get(taskId);
        OutOfFoldAnalyses.Result result = analyses.lastResult(taskId);
        if (result == null) {
            return Set.of();
        }
        Set<Long> confirmed = store.examples().confirmedIds(taskId);
        Set<Long> stored = new HashSet<>();
        store.examples().all(taskId).forEach(e -> stored.add(e.id()));
        Set<Long> suspects = new HashSet<>();
        for (LabelIssue issue : result.errors().flagged()) {
            long id = result.examples().get(issue.index()).id();
            if (stored.contains(id) && !confirmed.contains(id)) {
                suspects.add(id);
            }
        }
        return Set.copyOf(suspects);
    }

    private Example example(String taskId, long exampleId) {
        return store.examples().find(taskId, exampleId).orElseThrow(() -> missing(taskId, exampleId));
    }

    private static NotFoundException missing(String taskId, long exampleId) {
        return new NotFoundException("example_not_found", "task '" + taskId + "' has no example " + exampleId
                + "; a fixed example gets a new id, so reload the list (GET /v1/tasks/" + taskId
                + "/analysis/losses)");
    }

    private static void requireClassification(Task task) {
        if (task.kind() != TaskKind.CLASSIFICATION) {
            throw new ConflictException("analysis_not_available", "task '" + task.id() + "' generates outputs; error"
                    + " analysis works on the labels of classification tasks");
        }
    }
}
