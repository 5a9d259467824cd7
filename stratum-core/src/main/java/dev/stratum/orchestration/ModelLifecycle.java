package dev.stratum.orchestration;

import dev.stratum.api.ConflictException;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Layer;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.lifecycle.GateReport;
import dev.stratum.api.lifecycle.ModelDetails;
import dev.stratum.api.lifecycle.ModelPolicy;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.RollbackRule;
import dev.stratum.api.lifecycle.StateChange;
import dev.stratum.api.lifecycle.TrialStats;
import dev.stratum.api.store.Store;
import dev.stratum.lifecycle.CanaryStats;
import dev.stratum.lifecycle.LiveAccuracy;
import dev.stratum.lifecycle.ShadowStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a task's model versions through their states and swaps what serves accordingly: after the gate, on a
 * person's request, when a shadow or canary trial has seen enough traffic, and when live feedback calls for a
 * rollback. Each move is one store transaction (the old production version retired and the new one promoted
 * together) followed by one swap of the task's immutable {@link TaskRuntime}, under a per-task lock; predictions
 * never take the lock, they read whichever snapshot is current, so each is answered by one consistent version.
 */
final class ModelLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);
    static final String POLICY_ACTOR = "policy";

    private final Store store;
    private final TaskRegistry tasks;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Production's accuracy on live feedback, per task, since its current version was promoted. */
    private final Map<String, Tracked> live = new ConcurrentHashMap<>();

    private record Tracked(String versionId, Instant since, LiveAccuracy accuracy, AtomicBoolean warned) {
        Tracked(String versionId, Instant since, LiveAccuracy accuracy) {
            this(versionId, since, accuracy, new AtomicBoolean());
        }
    }

    private final TrialRecords records;

    ModelLifecycle(Store store, TaskRegistry tasks, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.clock = clock;
        this.records = new TrialRecords(store, clock);
    }

    /** Saves the statistics of every trial and of production's live accuracy that changed since they were saved. */
    void saveStats() {
        for (TaskRuntime runtime : tasks.loaded()) {
            if (runtime.trial() != null) {
                records.save(runtime.trial());
            }
        }
        live.values().forEach(t -> records.saveLive(t.versionId(), t.since(), t.accuracy()));
    }

    /**
     * Acts on the gate's verdict on a stored candidate: refused, it is retired; passed, under the policy {@code
     * auto} it goes to shadow, canary or production (the first stage the task's policy has; a first version, with
     * nothing to be compared with, straight to production); under {@code manual} it waits as a candidate.
     */
    void afterGate(String taskId, ModelVersion candidate, TaskRuntime candidateRuntime, GateReport report) {
        synchronized (lock(taskId)) {
            TaskRuntime now = tasks.get(taskId);
            ModelPolicy policy = policyOf(now);
            if (!report.passed()) {
                apply(taskId, candidate, ModelState.RETIRED, POLICY_ACTOR, "refused by the evaluation gate: "
                        + report.reasons().get(0), candidateRuntime);
                return;
            }
            if (policy.promotion() == ModelPolicy.Promotion.MANUAL) {
                LOG.info("task '{}': candidate {} passed the gate and waits for a person to promote it", taskId,
                        candidate.id());
                return;
            }
            boolean hasProduction = now.version() != null && !tasks.needsRetraining(taskId);
            ModelState next = !hasProduction ? ModelState.PRODUCTION
                    : policy.shadows() ? ModelState.SHADOW
                    : policy.canaries() ? ModelState.CANARY
                    : ModelState.PRODUCTION;
            apply(taskId, candidate, next, POLICY_ACTOR, "passed the evaluation gate"
                    + (report.comparedWithProduction() ? String.format(Locale.ROOT, " (accuracy %.3f against"
                            + " production's %.3f on %d held-out examples, McNemar p = %.3g)",
                            report.candidateAccuracy(), report.productionAccuracy(), report.n(), report.pValue())
                            : ""), candidateRuntime);
        }
    }

    /** A person's (or an API key's) move of a version; rollback is a move of a retired version to production. */
    ModelDetails change(String taskId, String versionId, ModelState to, String actor, String reason) {
        if (to == null) {
            throw new InvalidRequestException("missing_state", "say which state version " + versionId
                    + " should move to: shadow, canary, production or retired");
        }
        synchronized (lock(taskId)) {
            ModelVersion version = find(taskId, versionId);
            apply(taskId, version, to, actor, reason, null);
        }
        return details(taskId, versionId);
    }

    /** Makes an earlier production version serve again. */
    ModelDetails rollback(String taskId, String versionId, String actor, String reason) {
        ModelVersion version = find(taskId, versionId);
        if (version.state() != ModelState.RETIRED) {
            throw new ConflictException("not_a_rollback", "version " + versionId + " is " + version.state()
                    .wireName() + "; a rollback returns to a retired version that served in production; promote a"
                    + " candidate with POST /v1/tasks/" + taskId + "/models/" + versionId + "/promote instead");
        }
        return change(taskId, versionId, ModelState.PRODUCTION, actor, reason);
    }

    ModelDetails details(String taskId, String versionId) {
        ModelVersion version = find(taskId, versionId);
        GateReport gate = store.models().gateReport(versionId).map(GateReportJson::read).orElse(null);
        Trial trial = tasks.get(taskId).trial();
        TrialStats stats = trial != null && trial.versionId().equals(versionId) ? stats(trial) : null;
        return new ModelDetails(version, store.models().history(versionId), gate, stats);
    }

    /**
     * Records what the trial version did with one request (see {@link StratumEngine}) and moves it on when it has
     * seen enough.
     *
     * @param trialLabel in shadow, the label the shadow version would have given; as a canary, ignored
     */
    void observe(TaskRuntime production, TaskRuntime answered, Prediction prediction, String trialLabel) {
        Trial trial = production.trial();
        if (trial.shadow() != null) {
            trial.shadow().recordPrediction(prediction.id(), prediction.label(), trialLabel);
        } else {
            trial.canary().recordPrediction(prediction.id(), answered != production, prediction.label());
        }
        maybeAdvance(production.task().id(), trial);
    }

    /** Scores the versions that answered (or shadowed) a prediction against a person's label. */
    void onFeedback(Prediction prediction, String actualLabel) {
        String taskId = prediction.taskId();
        TaskRuntime runtime = tasks.get(taskId);
        Trial trial = runtime.trial();
        boolean scored = false;
        if (trial != null) {
            scored = trial.shadow() != null
                    ? trial.shadow().recordFeedback(prediction.id(), actualLabel)
                    : trial.canary().recordFeedback(prediction.id(), actualLabel);
            maybeAdvance(taskId, trial);
        }
        // Production's live accuracy counts only what production answered alone: not during a canary, whose
        // feedback is split between the two, and not what an earlier version answered.
        ModelVersion production = runtime.version();
        if (production == null || trial != null && trial.canary() != null) {
            return;
        }
        if (prediction.source() == Layer.HYPERLOCAL && !production.id().equals(prediction.modelVersion())) {
            return;
        }
        Tracked tracked = live.compute(taskId, (id, t) -> t != null && t.versionId().equals(production.id())
                ? t
                : records.live(production.id())
                        .map(saved -> new Tracked(production.id(), Instant.ofEpochMilli(saved.since()),
                                LiveAccuracy.restore(saved.accuracy())))
                        .orElseGet(() -> new Tracked(production.id(), clock.instant(),
                                new LiveAccuracy(rule(runtime).minimumFeedback(), null))));
        if (prediction.createdAt().isBefore(tracked.since())) {
            return;
        }
        tracked.accuracy().record(actualLabel.equals(prediction.label()));
        ModelPolicy policy = policyOf(runtime);
        RollbackRule.Decision decision = tracked.accuracy().decide(policy.rollback());
        if (decision != null && decision.rollBack() && policy.autoRollback()) {
            rollBackAutomatically(taskId, production, decision, tracked.warned());
        }
    }

    private void rollBackAutomatically(String taskId, ModelVersion current, RollbackRule.Decision decision,
            AtomicBoolean warned) {
        synchronized (lock(taskId)) {
            if (tasks.get(taskId).version() == null || !tasks.get(taskId).version().id().equals(current.id())) {
                return;
            }
            for (ModelVersion earlier : store.models().list(taskId)) {
                if (earlier.version() < current.version() && earlier.state() == ModelState.RETIRED
                        && StateChange.servedInProduction(store.models().history(earlier.id()))) {
                    LOG.warn("task '{}': rolling back from {} to {}: {}", taskId, current.id(), earlier.id(),
                            decision.reason());
                    apply(taskId, earlier, ModelState.PRODUCTION, POLICY_ACTOR, "automatic rollback from "
                            + current.id() + ": " + decision.reason(), null);
                    return;
                }
            }
            if (!warned.getAndSet(true)) {
                LOG.warn("task '{}': {} calls for a rollback ({}), but no earlier version served in production",
                        taskId, current.id(), decision.reason());
            }
        }
    }

    /** Promotes (or retires) the trial version once it has seen what the task's policy asks for. */
    private void maybeAdvance(String taskId, Trial trial) {
        ModelPolicy policy = policyOf(trial.runtime());
        if (policy.promotion() != ModelPolicy.Promotion.AUTO || !ready(trial, policy)) {
            return;
        }
        synchronized (lock(taskId)) {
            Trial now = tasks.get(taskId).trial();
            if (now != trial) {
                return; // another thread moved it already
            }
            ModelVersion version = trial.runtime().version();
            if (trial.shadow() != null) {
                ShadowStats.Snapshot s = trial.shadow().snapshot();
                String figures = String.format(Locale.ROOT, "in shadow on %d predictions: agreement %.3f; on %d with"
                                + " feedback accuracy %.3f against production's %.3f", s.predictions(),
                        s.agreementRate(), s.withFeedback(), s.candidateAccuracy(), s.productionAccuracy());
                if (s.candidateCorrect() < s.productionCorrect()) {
                    apply(taskId, version, ModelState.RETIRED, POLICY_ACTOR, "worse than production " + figures,
                            trial.runtime());
                } else {
                    apply(taskId, version, policy.canaries() ? ModelState.CANARY : ModelState.PRODUCTION,
                            POLICY_ACTOR, "not worse than production " + figures, trial.runtime());
                }
                return;
            }
            CanaryStats.Snapshot s = trial.canary().snapshot();
            String figures = String.format(Locale.ROOT, "as a canary on %d predictions; accuracy on feedback %.3f (%d"
                            + " items) against production's %.3f (%d items)", s.canaryPredictions(), s.canaryAccuracy(),
                    s.canaryFeedback(), s.productionAccuracy(), s.productionFeedback());
            boolean worse = s.canaryFeedback() > 0 && s.productionFeedback() > 0
                    && 100 * (s.productionAccuracy() - s.canaryAccuracy()) > policy.rollback().margin();
            apply(taskId, version, worse ? ModelState.RETIRED : ModelState.PRODUCTION, POLICY_ACTOR,
                    (worse ? "more than " + policy.rollback().margin() + " points worse than production "
                            : "not worse than production ") + figures, trial.runtime());
        }
    }

    private static boolean ready(Trial trial, ModelPolicy policy) {
        if (trial.shadow() != null) {
            ShadowStats.Snapshot s = trial.shadow().snapshot();
            return s.predictions() >= policy.shadowPredictions() && s.withFeedback() >= policy.shadowFeedback();
        }
        return trial.canary().snapshot().canaryPredictions() >= policy.canaryPredictions();
    }

    /**
     * Moves {@code version} to {@code to} in the store, with every change that move implies (the production or
     * trial version it replaces is retired), then swaps the runtime. Callers hold the task's lock.
     *
     * @param loaded the version's runtime when the caller has it; else it is loaded from the store
     */
    private void apply(String taskId, ModelVersion version, ModelState to, String actor, String reason,
            TaskRuntime loaded) {
        TaskRuntime current = tasks.get(taskId);
        ModelVersion fresh = find(taskId, version.id());
        StateChange move = StateChange.next(fresh.id(), store.models().history(fresh.id()), to, actor, reason,
                clock.instant());
        List<StateChange> changes = new ArrayList<>();
        Trial trial = current.trial();
        boolean replacesTrial = trial != null && !trial.versionId().equals(fresh.id())
                && (to == ModelState.SHADOW || to == ModelState.CANARY || to == ModelState.PRODUCTION);
        if (replacesTrial) {
            changes.add(retirement(trial.runtime().version(), "replaced by " + fresh.id() + " (" + to.wireName()
                    + ")", actor));
        }
        // The store's production version, which the runtime does not serve when it learnt from another encoder.
        Optional<ModelVersion> production = store.models().current(taskId);
        if (to == ModelState.PRODUCTION && production.isPresent() && !production.get().id().equals(fresh.id())) {
            changes.add(retirement(production.get(), "replaced by " + fresh.id(), actor));
        }
        changes.add(move);
        store.models().changeStates(changes);
        ModelVersion moved = fresh.withState(to);
        LOG.info("task '{}': {} {} -> {} by {}: {}", taskId, fresh.id(), move.from().wireName(), to.wireName(),
                actor, reason);
        swap(taskId, moved, to, loaded, replacesTrial || trial != null && trial.versionId().equals(fresh.id()));
    }

    private StateChange retirement(ModelVersion version, String reason, String actor) {
        return new StateChange(version.id(), version.state(), ModelState.RETIRED, actor, reason, clock.instant());
    }

    private void swap(String taskId, ModelVersion moved, ModelState to, TaskRuntime loaded, boolean dropTrial) {
        tasks.swap(taskId, runtime -> {
            TaskRuntime base = dropTrial ? runtime.withTrial(null) : runtime;
            return switch (to) {
                case PRODUCTION -> {
                    live.put(taskId, new Tracked(moved.id(), clock.instant(), new LiveAccuracy(
                            rule(runtime).minimumFeedback(), shadowBaseline(runtime.trial(), moved, rule(runtime)))));
                    yield runtimeOf(runtime, moved, loaded).withTrial(null);
                }
                case SHADOW -> base.withTrial(Trial.shadow(runtimeOf(runtime, moved, loaded)));
                case CANARY -> base.withTrial(Trial.canary(runtimeOf(runtime, moved, loaded),
                        policyOf(base).canaryShare()));
                case RETIRED -> base.version() != null && base.version().id().equals(moved.id())
                        ? base.withHead(null, null, null) // production retired by hand: memory and general only
                        : base;
                case CANDIDATE -> base;
            };
        });
    }

    /**
     * The accuracy on feedback that {@code version} showed in shadow, when it got enough feedback there to be the
     * rollback rule's baseline (measured the way live accuracy is); else null, and production measures it.
     */
    private static Double shadowBaseline(Trial trial, ModelVersion version, RollbackRule rule) {
        if (trial == null || trial.shadow() == null || !trial.versionId().equals(version.id())) {
            return null;
        }
        ShadowStats.Snapshot s = trial.shadow().snapshot();
        return s.withFeedback() >= rule.minimumFeedback() ? s.candidateAccuracy() : null;
    }

    private TaskRuntime runtimeOf(TaskRuntime base, ModelVersion version, TaskRuntime loaded) {
        if (loaded != null && loaded.version() != null && loaded.version().id().equals(version.id())) {
            return loaded.withTask(base.task()).withPolicy(base.policy()).withTrial(null).withVersion(version);
        }
        if (base.trial() != null && base.trial().versionId().equals(version.id())) {
            return base.trial().runtime().withVersion(version);
        }
        return tasks.runtimeOf(base, version);
    }

    private static TrialStats stats(Trial trial) {
        if (trial.shadow() != null) {
            ShadowStats.Snapshot s = trial.shadow().snapshot();
            return new TrialStats(trial.state(), s.predictions(), s.agreementRate(), s.withFeedback(),
                    s.productionAccuracy(), s.candidateAccuracy());
        }
        CanaryStats.Snapshot s = trial.canary().snapshot();
        return new TrialStats(trial.state(), s.canaryPredictions(), 0, s.canaryFeedback(), s.productionAccuracy(),
                s.canaryAccuracy());
    }

    private ModelVersion find(String taskId, String versionId) {
        tasks.get(taskId);
        return store.models().find(versionId).filter(v -> v.taskId().equals(taskId)).orElseThrow(() ->
                new NotFoundException("model_version_not_found", "task '" + taskId + "' has no model version '"
                        + versionId + "'; list its versions with GET /v1/tasks/" + taskId + "/models"));
    }

    static ModelPolicy policyOf(TaskRuntime runtime) {
        ModelPolicy policy = runtime.task().settings().lifecycle();
        return policy == null ? ModelPolicy.DEFAULT : policy;
    }

    private static RollbackRule rule(TaskRuntime runtime) {
        return policyOf(runtime).rollback();
    }

    private Object lock(String taskId) {
        return locks.computeIfAbsent(taskId, id -> new Object());
    }
}
