package dev.stratum.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.api.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers generative requests with validated JSON. Each answer is parsed and checked against the request's
 * {@link OutputSpec}; an invalid one is sent back with its error, at most {@code maxReasks} times per candidate. For
 * several candidates the model is asked, in the same conversation, for answers different from the earlier ones; a
 * repeated answer counts as invalid. A whole generation, re-asks and candidates included, keeps within a time budget.
 */
public final class LlmGenerator {
    /** How long one generation may take unless told otherwise. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);
    private static final Duration MAX_BUDGET = Duration.ofHours(1);

    private final ChatClient chat;
    private final Duration budget;

    public LlmGenerator(ChatClient chat) {
        this(chat, DEFAULT_BUDGET);
    }

    /** A generator whose generations take at most {@code budget}, however many calls they need. */
    public LlmGenerator(ChatClient chat, Duration budget) {
        if (budget.isNegative() || budget.isZero() || budget.compareTo(MAX_BUDGET) > 0) {
            throw new IllegalArgumentException("a generation budget of " + budget + " is not usable; give a positive"
                    + " duration of at most " + MAX_BUDGET);
        }
        this.chat = chat;
        this.budget = budget;
    }

    /**
     * Generates the candidates {@code request} asks for.
     *
     * @throws dev.stratum.api.InvalidRequestException with code {@link dev.stratum.llm.privacy.PiiRedactor#BLOCKED}
     *     when the chat client's privacy mode is block and a text of the conversation holds an identifier
     */
    public Generation generate(GenerationRequest request) {
        OutputParser parser = new OutputParser(request.output());
        PromptTemplate template = request.template();
        List<ChatTurn> conversation = new ArrayList<>(
                template.render(request.instructions(), request.output(), request.examples(), request.input()));
        List<JsonNode> candidates = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        String lastError = null;
        long end = System.nanoTime() + budget.toNanos();
        while (candidates.size() < request.candidates()) {
            int candidate = candidates.size() + 1;
            if (candidate > 1) {
                conversation.add(template.alternativeTurn());
            }
            boolean found = false;
            for (int ask = 0; ask <= request.maxReasks() && !found; ask++) {
                long start = System.nanoTime();
                String answer;
                try {
                    answer = chat.complete(conversation, Duration.ofNanos(end - System.nanoTime()));
                } catch (UnavailableException e) {
                    attempts.add(new Attempt(attempts.size() + 1, candidate, null, e.getMessage(), since(start)));
                    return candidates.isEmpty()
                            ? new Generation.Unavailable(e, attempts, template.id())
                            : new Generation.Generated(candidates, request.candidates(), attempts, template.id());
                }
                OutputParser.Result result = parser.parse(answer);
                String error = switch (result) {
                    case OutputParser.Result.Invalid invalid -> invalid.error();
                    case OutputParser.Result.Valid valid -> repeated(candidates, valid.value());
                };
                attempts.add(new Attempt(attempts.size() + 1, candidate, answer, error, since(start)));
                conversation.add(ChatTurn.assistant(answer.isBlank() ? "(empty answer)" : answer));
                if (error == null) {
                    candidates.add(((OutputParser.Result.Valid) result).value());
                    found = true;
                } else {
                    lastError = error;
                    if (ask < request.maxReasks()) {
                        conversation.add(template.correctionTurn(error));
                    }
                }
            }
            if (!found) {
                break;
            }
        }
        return candidates.isEmpty()
                ? new Generation.Invalid(lastError, attempts, template.id())
                : new Generation.Generated(candidates, request.candidates(), attempts, template.id());
    }

    private static String repeated(List<JsonNode> candidates, JsonNode value) {
        int index = candidates.indexOf(value);
        return index < 0 ? null : "it repeats candidate " + (index + 1) + "; give a different valid answer";
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
