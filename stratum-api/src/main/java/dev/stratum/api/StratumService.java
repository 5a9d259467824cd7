package dev.stratum.api;

import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.audit.AuditEntry;
import dev.stratum.api.audit.AuditVerification;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.odd.OddPolicy;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The operations of Stratum's loop, as the HTTP API and the CLI call them. Errors are {@link StratumException}s
 * whose messages can be shown to the caller as they are.
 */
public interface StratumService extends AutoCloseable {
    Task createTask(NewTask spec);

    Task task(String taskId);

    List<Task> tasks();

    /**
     * Replaces the taxonomy. Labels may be added and descriptions changed freely; removing a label that examples
     * still use is refused with a {@link ConflictException}.
     */
    Task updateLabels(String taskId, List<Label> labels);

    Task updateSettings(String taskId, TaskSettings settings);

    /** Counts that show a task's progress, for example how far the memory has indexed a bulk import. */
    TaskStats stats(String taskId);

    /** Predicts for a caller without an API key: a canary's share sticks by the input. */
    default Prediction predict(String taskId, String text) {
        return predict(taskId, text, null);
    }

    /**
     * Predicts for the caller with this API key id (null when there is none), which a canary whose policy sticks by
     * {@code key} routes by.
     */
    Prediction predict(String taskId, String text, String callerKeyId);

    default List<Prediction> predictBatch(String taskId, List<String> texts) {
        return predictBatch(taskId, texts, null);
    }

    /** Predicts each text as {@link #predict(String, String, String)} does. */
    List<Prediction> predictBatch(String taskId, List<String> texts, String callerKeyId);

    Prediction prediction(String predictionId);

    /** Records a person's verdict; accept and correct also add a validated example, indexed at once. */
    Prediction feedback(String predictionId, FeedbackAction action, String label, String comment);

    Example addExample(String taskId, String text, String label);

    /** Streams labelled rows into the task; everything counted as imported is committed when this returns. */
    ImportResult importExamples(String taskId, InputStream data, ImportOptions options);

    /**
     * Streams unlabelled texts (a CSV or JSON-lines file with a text column, or plain lines) into the task's pool,
     * from which active learning chooses what to review; a text already in the pool is skipped. Nothing becomes an
     * example until a reviewer labels it.
     */
    ImportResult importUnlabelled(String taskId, InputStream data, ImportOptions options);

    ExamplePage examples(String taskId, int offset, int limit);

    void deleteExample(String taskId, long exampleId);

    /** Starts training in the background (or joins the one running) and returns its state. */
    TrainingRun train(String taskId, String trigger);

    /** Trains now, in the caller's thread, and returns the finished run. */
    TrainingRun trainAndWait(String taskId, String trigger);

    Optional<TrainingRun> lastTraining(String taskId);

    List<ModelVersion> models(String taskId);

    Optional<ModelVersion> currentModel(String taskId);

    /** One version of a task: its record and state, every change of its state, its gate report, its trial. */
    ModelDetails model(String taskId, String versionId);

    /**
     * Moves a version to another state (shadow, canary, production, retired), as a person decides; the task serves
     * accordingly from the next prediction on, and the change is recorded with {@code actor} and {@code reason}.
     *
     * @throws ConflictException when the move is not allowed from the version's state
     */
    ModelDetails changeModelState(String taskId, String versionId, ModelState to, String actor, String reason);

    /** Makes an earlier production version (now retired) serve again, from the next prediction on. */
    ModelDetails rollback(String taskId, String versionId, String actor, String reason);

    /**
     * Registers a model fine-tuned elsewhere as the task's next hyperlocal version: it is judged by the evaluation
     * gate on the same held-out examples as any trained candidate, then goes through the task's policy (shadow,
     * canary, production, or waiting for a person) and can be rolled back like any version.
     *
     * @return the version with its gate report and state
     */
    ModelDetails registerExternalModel(String taskId, ExternalModel model, String actor);

    /**
     * The task's validated examples for fine-tuning elsewhere: with {@code versionId}, exactly those that version was
     * trained on (its provenance's fingerprint); without, all of them.
     */
    default ExampleExport exportExamples(String taskId, ExportFormat format, String versionId) {
        return exportExamples(taskId, format, versionId, false);
    }

    /**
     * Exports as above; {@code curated} leaves out the suspected label errors (found by cross-fitting on the
     * examples) that no person confirmed with {@link #confirmExample}.
     */
    ExampleExport exportExamples(String taskId, ExportFormat format, String versionId, boolean curated);

    /**
     * Records that a person kept an example's label after checking it, so that curated exports keep it even when it
     * is suspected of being a label error.
     *
     * @throws NotFoundException when the task has no such example
     */
    void confirmExample(String taskId, long exampleId, String actor);

    /** Evaluates the current cascade on a labelled file, without storing predictions. */
    Evaluation evaluate(String taskId, InputStream data, ImportOptions options);

    /**
     * Evaluates on a held-out share of the task's own examples: trains a temporary model on the rest (the current
     * model is not touched) and scores the held-out share.
     */
    Evaluation evaluateHoldout(String taskId, double share, long seed);

    /**
     * A task's review queue in review order: the items its active-learning strategy ranked, in rank order, then the
     * rest by priority, oldest first; status null for all.
     */
    List<ReviewItem> reviewQueue(String taskId, ReviewItem.Status status, int offset, int limit);

    ReviewItem reviewItem(String itemId);

    /** Where the ranking of the task's review queue stands. */
    ReviewRanking reviewRanking(String taskId);

    /** Asks for a new ranking of the task's review queue in the background, and returns where it stands. */
    ReviewRanking rankReviewQueue(String taskId);

    /**
     * The task's predictions and feedback in {@code [from, to)} per interval of {@code bucket}, and the learning curve
     * of its model versions.
     */
    TaskHistory history(String taskId, java.time.Instant from, java.time.Instant to, java.time.Duration bucket);

    /** Claims an item for a reviewer, so two people do not review the same item. */
    ReviewItem claimReview(String itemId, String reviewer);

    /**
     * Resolves an item: with a label it becomes a validated example (indexed at once, counted towards retraining);
     * with {@code outOfScope} it teaches the task what to refuse.
     */
    ReviewItem resolveReview(String itemId, String label, boolean outOfScope, String reviewer);

    /**
     * Generates up to {@code candidates} outputs for {@code input} with a generation task's language model: the
     * first is the prediction's {@code label}, all are in its {@code scores}, and every attempt is recorded. The
     * outputs satisfy the task's output rules; when none does, the task's ODD policy decides (see
     * {@link Prediction#odd()}).
     */
    Prediction generate(String taskId, String input, int candidates);

    /** The task's ODD policy in force, or empty when it has none (then predictions are not checked). */
    Optional<OddPolicy> policy(String taskId);

    /**
     * Puts {@code policy} in force for the task as its next version, from the next prediction on.
     *
     * @param author who changed it, recorded with the version
     * @return the policy as stored, with its version number and every default filled in
     */
    OddPolicy setPolicy(String taskId, OddPolicy policy, String author);

    /** Every version of the task's ODD policy, newest first. */
    List<OddPolicy> policyHistory(String taskId);

    /** Up to {@code limit} audit-log entries after sequence number {@code afterSeq}, oldest first. */
    List<AuditEntry> auditLog(long afterSeq, int limit);

    /** Checks the audit log's hash chain from its first entry. */
    AuditVerification verifyAuditLog();

    /** Error analysis: suspected label errors and their fixes, confusions, shortcuts, candidate new labels. */
    ErrorAnalysisService analysis();

    boolean isReady();

    @Override
    void close();
}
