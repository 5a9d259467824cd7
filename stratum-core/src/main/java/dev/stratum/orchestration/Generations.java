package dev.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.Example;
import dev.stratum.api.GenerationAttempt;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.Prediction;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.odd.OddRule;
import dev.stratum.api.store.Neighbour;
import dev.stratum.api.store.Store;
import dev.stratum.llm.Attempt;
import dev.stratum.llm.ChatClient;
import dev.stratum.llm.FewShot;
import dev.stratum.llm.Generation;
import dev.stratum.llm.GenerationRequest;
import dev.stratum.llm.LlmGenerator;
import dev.stratum.llm.OutputParser;
import dev.stratum.llm.OutputSpec;
import dev.stratum.odd.InputFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers generation tasks: the language model (the general layer) follows the task's instructions, with the most
 * similar validated examples as few-shot demonstrations, and every output is parsed and validated against the task's
 * output rules, asked again with the error, and otherwise handled as the task's ODD policy says. A task without a
 * policy is checked against the defaults: outputs are always parsed, never passed through unchecked.
 */
final class Generations {
    /** How many validated examples are shown to the model with each input. */
    static final int FEW_SHOT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final ChatClient chat;
    private final String modelName;
    private final int neighbours;

    /**
     * @param chat the configured language model, or null when none is: then generation tasks cannot be created
     * @param modelName how predictions name the model, for example {@code llm:gpt-4o-mini}
     */
    Generations(Store store, ChatClient chat, String modelName, int neighbours) {
        this.store = store;
        this.chat = chat;
        this.modelName = modelName;
        this.neighbours = neighbours;
    }

    boolean available() {
        return chat != null;
    }

    /** Throws unless a language model is configured, which every generation task needs. */
    void requireModel(String taskId) {
        if (chat == null) {
            throw new UnavailableException("no_language_model", "task '" + taskId + "' needs a language"
                    + " model, and none is configured; set STRATUM_LLM_BASE_URL and STRATUM_LLM_MODEL (and"
                    + " STRATUM_LLM_API_KEY if the provider needs one) and restart", null);
        }
    }

    /** What a generated output must satisfy under {@code policy}. */
    static OutputSpec spec(OddPolicy policy) {
        OddPolicy.OutputRules rules = policy.output();
        String schema;
        try {
            schema = rules.jsonSchema() == null ? null : JSON.writeValueAsString(rules.jsonSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON Schema could not be written", e);
        }
        return new OutputSpec(schema, rules.allowedValues(), rules.patterns());
    }

    /**
     * A person's output for an input of a generation task, checked against the task's output rules and written in
     * canonical form; the message of the error says what is wrong.
     */
    static String validatedOutput(Task task, OddPolicy policy, String output) {
        if (output == null || output.isBlank()) {
            throw new InvalidRequestException("missing_label", "an output is required: the JSON the task should have"
                    + " generated for this input");
        }
        return switch (new OutputParser(spec(policy)).parse(output)) {
            case OutputParser.Result.Valid valid -> valid.value().toString();
            case OutputParser.Result.Invalid invalid -> throw new InvalidRequestException("invalid_output",
                    "the output does not satisfy the output rules of task '" + task.id() + "': " + invalid.error());
        };
    }

    /** What {@link #generate} decided, before it is stored. */
    record Outcome(Prediction prediction, OddCheck check) {}

    /**
     * Generates up to {@code candidates} outputs for {@code input}.
     *
     * @param embedding the input's embedding, for the few-shot retrieval
     * @param lookup the task's validated examples by similarity
     */
    Outcome generate(TaskRuntime runtime, String id, String input, float[] embedding, int candidates,
            Cascade.NeighbourLookup lookup, Instant now, long startNanos) {
        Task task = runtime.task();
        requireModel(task.id());
        OddPolicy policy = runtime.policy() == null ? OddPolicy.DEFAULT : runtime.policy();
        List<Neighbour> near = lookup.nearest(task.id(), embedding, Math.max(FEW_SHOT, neighbours));
        List<FewShot> shots = nearestExamples(store, task, near).stream()
                .map(e -> new FewShot(e.text(), e.label())).toList();
        if (input.length() > policy.input().maxLength()) {
            String reason = "input is " + input.length() + " characters long; this task's policy answers texts of at"
                    + " most " + policy.input().maxLength() + " characters. Shorten or split it.";
            return withheld(runtime, id, input, now, startNanos, policy, OddRule.INPUT_TOO_LONG, reason, List.of(),
                    near);
        }
        String missing = InputFields.missing(input, policy.input().requiredFields());
        if (missing != null) {
            return withheld(runtime, id, input, now, startNanos, policy, OddRule.MISSING_FIELDS, missing, List.of(),
                    near);
        }
        GenerationRequest request = GenerationRequest.of(input, task.instructions(), spec(policy))
                .withExamples(shots).withCandidates(candidates).withMaxReasks(policy.output().maxReasks());
        Generation generation = new LlmGenerator(chat).generate(request);
        List<GenerationAttempt> attempts = generation.attempts().stream().map(Generations::attempt).toList();
        String version = modelName + "/" + generation.promptId();
        return switch (generation) {
            case Generation.Generated g -> {
                List<LabelScore> outputs = g.candidates().stream().map(c -> new LabelScore(c.toString(), 1.0))
                        .toList();
                OddCheck inside = new OddCheck(true, null, null, null, List.of(), policy.version(), null,
                        Map.of("attempts", (double) attempts.size(), "few_shot", (double) shots.size()));
                yield new Outcome(new Prediction(id, task.id(), input, g.best().toString(), 1.0, Layer.GENERAL,
                        version, outputs, latency(startNanos), now, null, inside, attempts), inside);
            }
            case Generation.Invalid invalid -> withheld(runtime, id, input, now, startNanos, policy,
                    OddRule.OUTPUT_INVALID, "no output of the model met this task's output rules after "
                            + attempts.size() + " attempts; the last error: " + invalid.reason(), attempts, near);
            case Generation.Unavailable down -> withheld(runtime, id, input, now, startNanos, policy,
                    OddRule.PROVIDER_UNAVAILABLE, "the language model could not answer: " + down.error().getMessage(),
                    attempts, near);
        };
    }

    /**
     * An input the model gave no valid output for: the policy's action decides. Fallback answers with the output of
     * the most similar validated example, when there is one; review and abstain give no output.
     */
    private Outcome withheld(TaskRuntime runtime, String id, String input, Instant now, long startNanos,
            OddPolicy policy, OddRule rule, String reason, List<GenerationAttempt> attempts, List<Neighbour> near) {
        Task task = runtime.task();
        OddAction action = policy.actionFor(rule);
        if (action == OddAction.FALLBACK && !near.isEmpty()) {
            Neighbour best = near.getFirst();
            Example example = store.examples().find(task.id(), best.exampleId()).orElse(null);
            if (example != null) {
                OddCheck check = new OddCheck(false, rule, action, reason + "; answered with the output of the most"
                        + " similar validated example instead", List.of(), policy.version(), null,
                        Map.of("nearest_similarity", (double) best.similarity()));
                return new Outcome(new Prediction(id, task.id(), input, example.label(), best.similarity(),
                        Layer.HYPERLOCAL, Cascade.MEMORY_ONLY, List.of(new LabelScore(example.label(),
                        best.similarity())), latency(startNanos), now, null, check, attempts), check);
            }
        }
        // Without a memory to fall back on, the item still needs an answer: a person gives it.
        OddAction applied = action == OddAction.FALLBACK ? OddAction.REVIEW : action;
        OddCheck check = new OddCheck(false, rule, applied, reason, List.of(), policy.version(), null, Map.of());
        return new Outcome(new Prediction(id, task.id(), input, null, 0, Layer.GENERAL, modelName, List.of(),
                latency(startNanos), now, null, check, attempts), check);
    }

    /** The validated examples behind the first {@link #FEW_SHOT} of {@code near}, most similar first. */
    static List<Example> nearestExamples(Store store, Task task, List<Neighbour> near) {
        List<Example> examples = new ArrayList<>();
        for (Neighbour n : near.subList(0, Math.min(FEW_SHOT, near.size()))) {
            store.examples().find(task.id(), n.exampleId()).ifPresent(examples::add);
        }
        return examples;
    }

    static void requireKind(Task task, TaskKind kind) {
        if (task.kind() != kind) {
            throw new InvalidRequestException("wrong_task_kind", kind == TaskKind.GENERATION
                    ? "task '" + task.id() + "' classifies; use POST /v1/tasks/" + task.id() + "/predict"
                    : "task '" + task.id() + "' generates; use POST /v1/tasks/" + task.id() + "/generate");
        }
    }

    static GenerationAttempt attempt(Attempt a) {
        return new GenerationAttempt(a.number(), a.candidate(), a.answer(), a.error(), a.latency().toNanos() / 1e6);
    }

    private static double latency(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
