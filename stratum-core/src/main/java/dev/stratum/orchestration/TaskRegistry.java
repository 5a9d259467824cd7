package dev.stratum.orchestration;

import dev.stratum.api.ConflictException;
import dev.stratum.api.Label;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.NewTask;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.PolicyStore;
import dev.stratum.api.store.Store;
import dev.stratum.learning.training.HyperlocalTraining.OddArtifacts;
import dev.stratum.models.general.ZeroShotClassifier;
import dev.stratum.odd.OddJson;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tasks as they are served: loaded from the store on first use, with their current models, kept in memory. */
final class TaskRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRegistry.class);

    private final Store store;
    private final EmbeddingModel encoder;
    private final HeadTrainer trainer;
    private final Clock clock;
    private final ConcurrentMap<String, TaskRuntime> runtimes = new ConcurrentHashMap<>();
    private final Set<String> staleModels = ConcurrentHashMap.newKeySet();

    TaskRegistry(Store store, EmbeddingModel encoder, HeadTrainer trainer, Clock clock) {
        this.store = store;
        this.encoder = encoder;
        this.trainer = trainer;
        this.clock = clock;
    }

    TaskRuntime get(String taskId) {
        TaskRuntime runtime = runtimes.get(taskId);
        if (runtime != null) {
            return runtime;
        }
        Task.validateId(taskId);
        return runtimes.computeIfAbsent(taskId, id -> load(store.tasks().find(id).orElseThrow(() -> notFound(id))));
    }

    Task create(NewTask spec) {
        Instant now = clock.instant();
        if (spec.id() != null) {
            Task.validateId(spec.id());
            if (store.tasks().find(spec.id()).isPresent()) {
                throw new ConflictException("task_exists", "task '" + spec.id() + "' already exists; choose another id"
                        + " or change its labels with PUT /v1/tasks/" + spec.id() + "/labels");
            }
        }
        Task task = new Task(spec.id(), spec.name(), spec.kind(), spec.labels(),
                spec.settings() == null ? TaskSettings.DEFAULTS : spec.settings(), now, now, spec.instructions());
        store.tasks().insert(task);
        runtimes.put(task.id(), load(task));
        return task;
    }

    /** The runtimes loaded so far. */
    List<TaskRuntime> loaded() {
        return List.copyOf(runtimes.values());
    }

    List<Task> list() {
        return store.tasks().list();
    }

    /** Replaces the taxonomy; a label that examples still use may not disappear. */
    synchronized Task updateLabels(String taskId, List<Label> labels) {
        Task current = get(taskId).task();
        Task updated = new Task(current.id(), current.name(), current.kind(), labels, current.settings(),
                current.createdAt(), clock.instant(), current.instructions());
        List<String> orphaned = new ArrayList<>(store.examples().labelsInUse(taskId));
        orphaned.removeAll(updated.labelNames());
        if (!orphaned.isEmpty()) {
            throw new ConflictException("label_in_use", "labels " + orphaned + " of task '" + taskId
                    + "' still have examples; keep them in the taxonomy, or delete their examples first");
        }
        store.tasks().update(updated);
        runtimes.put(taskId, withCurrentModel(updated));
        return updated;
    }

    synchronized Task updateSettings(String taskId, TaskSettings settings) {
        TaskRuntime runtime = get(taskId);
        Task current = runtime.task();
        Task updated = new Task(current.id(), current.name(), current.kind(), current.labels(), settings,
                current.createdAt(), clock.instant(), current.instructions());
        store.tasks().update(updated);
        runtimes.put(taskId, runtime.withTask(updated));
        return updated;
    }

    /** Whether the task's current model was trained on another encoder, so that only a retraining brings it back. */
    boolean needsRetraining(String taskId) {
        get(taskId);
        return staleModels.contains(taskId);
    }

    /**
     * Replaces the task's runtime by {@code change} of it, atomically, so the next prediction sees the new one whole;
     * a newly served production version is no longer stale.
     */
    void swap(String taskId, UnaryOperator<TaskRuntime> change) {
        get(taskId);
        TaskRuntime swapped = runtimes.computeIfPresent(taskId, (id, runtime) -> change.apply(runtime));
        if (swapped != null && swapped.version() != null) {
            staleModels.remove(taskId);
        }
    }

    /**
     * Brings a loaded task's runtime in line with the store after another process changed the task (see
     * {@link ChangeFollower}). What still matches is kept, a trial's in-memory statistics included; what differs is
     * reloaded. A task not loaded here is left to load on first use, and a change this process made itself finds
     * nothing to do.
     */
    void refresh(String taskId) {
        runtimes.computeIfPresent(taskId, (id, runtime) -> reconciled(runtime));
    }

    private TaskRuntime reconciled(TaskRuntime now) {
        String id = now.task().id();
        Task task = store.tasks().find(id).orElse(now.task());
        if (task.kind() == TaskKind.GENERATION || !task.labels().equals(now.task().labels())) {
            return withCurrentModel(task); // a new taxonomy needs a new general layer; a generation task has no model
        }
        OddPolicy policy = store.policies().current(id).map(TaskRegistry::versioned).orElse(null);
        TaskRuntime next = task.equals(now.task()) ? now : now.withTask(task);
        if (policyVersion(policy) != policyVersion(now.policy())) {
            next = next.withPolicy(policy);
        }
        ModelVersion current = store.models().current(id).filter(this::servable).orElse(null);
        if (current == null && store.models().current(id).isPresent()) {
            staleModels.add(id);
        } else {
            staleModels.remove(id);
        }
        if (!Objects.equals(idOf(current), idOf(now.version()))) {
            TaskRuntime production = current == null ? next.withHead(null, null, null) : runtimeOf(next, current);
            return production.withTrial(trialOf(production));
        }
        if (current != null && current.state() != now.version().state()) {
            next = next.withVersion(current);
        }
        Trial trial = now.trial();
        ModelVersion onTrial = trialVersion(id);
        boolean sameTrial = trial == null ? onTrial == null
                : onTrial != null && trial.versionId().equals(onTrial.id()) && trial.state() == onTrial.state();
        return sameTrial ? next : next.withTrial(trialOf(next.withTrial(null)));
    }

    private static int policyVersion(OddPolicy policy) {
        return policy == null || policy.version() == null ? 0 : policy.version();
    }

    private static String idOf(ModelVersion version) {
        return version == null ? null : version.id();
    }

    private boolean servable(ModelVersion version) {
        return version.provenance().encoderIds().equals(List.of(encoder.id()));
    }

    /** The task as {@code base} serves it, with {@code version}'s model loaded from the store instead. */
    TaskRuntime runtimeOf(TaskRuntime base, ModelVersion version) {
        // A version fine-tuned elsewhere has no head: its endpoint answers (see ExternalModels).
        TrainedHead head = ExternalModels.isExternal(version) ? null : trainer.load(store.models().artifact(
                version.id()));
        OddArtifacts odd = store.models().calibration(version.id())
                .map(json -> OddArtifactsJson.read(json, trainer)).orElse(null);
        return base.withTrial(null).withHead(head, version, odd);
    }

    /** Stores {@code policy} as the task's next policy version and enforces it from the next prediction on. */
    synchronized OddPolicy setPolicy(String taskId, OddPolicy policy, String author) {
        TaskRuntime runtime = get(taskId);
        PolicyStore.StoredPolicy stored = store.policies().save(taskId, OddJson.write(policy.withVersion(1)),
                author, clock.instant());
        OddPolicy current = versioned(stored);
        runtimes.put(taskId, runtime.withPolicy(current));
        return current;
    }

    /** Every version of the task's policy, newest first. */
    List<OddPolicy> policyHistory(String taskId) {
        get(taskId);
        return store.policies().history(taskId).stream().map(TaskRegistry::versioned).toList();
    }

    private static OddPolicy versioned(PolicyStore.StoredPolicy stored) {
        return OddJson.policy(stored.json()).withVersion(stored.version());
    }

    private TaskRuntime load(Task task) {
        return withCurrentModel(task);
    }

    /**
     * The task with its current model, unless that model learnt from another encoder's embeddings: it would load
     * (the dimensions may even match) and answer nonsense, so the task is served by its memory and the general layer
     * until it is retrained, which {@link #needsRetraining} reports.
     */
    private TaskRuntime withCurrentModel(Task task) {
        OddPolicy policy = store.policies().current(task.id()).map(TaskRegistry::versioned).orElse(null);
        if (task.kind() == TaskKind.GENERATION) {
            return TaskRuntime.of(task, null, null, null, policy, null);
        }
        var general = ZeroShotClassifier.create(task.labels(), encoder);
        Optional<ModelVersion> current = store.models().current(task.id());
        if (current.isPresent() && !current.get().provenance().encoderIds().equals(List.of(encoder.id()))) {
            LOG.warn("task '{}': model {} was trained on embeddings of {}, but this server embeds with {}; it is not"
                    + " served until the task is retrained", task.id(), current.get().id(),
                    current.get().provenance().encoderIds(), encoder.id());
            staleModels.add(task.id());
            return TaskRuntime.of(task, general, null, null, policy, null);
        }
        staleModels.remove(task.id());
        if (current.isEmpty()) {
            return TaskRuntime.of(task, general, null, null, policy, null);
        }
        TaskRuntime production = runtimeOf(TaskRuntime.of(task, general, null, null, policy, null), current.get());
        return production.withTrial(trialOf(production));
    }

    /**
     * The version in shadow or canary, when the task has one trained on this encoder, with the statistics it saved
     * ({@link TrialRecords}).
     */
    private Trial trialOf(TaskRuntime production) {
        ModelVersion version = trialVersion(production.task().id());
        if (version == null) {
            return null;
        }
        return TrialRecords.restore(store, version.state(), runtimeOf(production, version),
                ModelLifecycle.policyOf(production).canaryShare());
    }

    /** The task's version in shadow or canary trained on this encoder, or null. */
    private ModelVersion trialVersion(String taskId) {
        for (ModelVersion version : store.models().list(taskId)) {
            if ((version.state() == ModelState.SHADOW || version.state() == ModelState.CANARY) && servable(version)) {
                return version;
            }
        }
        return null;
    }

    static NotFoundException notFound(String taskId) {
        return new NotFoundException("task_not_found", "task '" + taskId + "' does not exist; create it with "
                + "POST /v1/tasks or list tasks with GET /v1/tasks");
    }
}
