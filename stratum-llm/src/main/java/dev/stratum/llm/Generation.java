package dev.stratum.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.api.UnavailableException;
import java.util.List;

/**
 * The outcome of a {@link GenerationRequest}: valid candidates, answers that never became valid (the task's ODD
 * action applies), or a provider that could not answer (the engine falls back to its local layers). Every case
 * carries every attempt, in order, and the id of the prompt template.
 */
public sealed interface Generation {
    List<Attempt> attempts();

    String promptId();

    /**
     * At least one valid answer; fewer than requested when the model ran out of distinct valid ones, or the
     * provider failed after the first.
     */
    record Generated(List<JsonNode> candidates, int requested, List<Attempt> attempts, String promptId)
            implements Generation {
        public Generated {
            candidates = List.copyOf(candidates);
            attempts = List.copyOf(attempts);
        }

        public JsonNode best() {
            return candidates.get(0);
        }
    }

    /** No answer met the output spec within the re-asks allowed; {@code reason} is the last error. */
    record Invalid(String reason, List<Attempt> attempts, String promptId) implements Generation {
        public Invalid {
            attempts = List.copyOf(attempts);
        }
    }

    /** The provider could not answer before any valid answer arrived. */
    record Unavailable(UnavailableException error, List<Attempt> attempts, String promptId) implements Generation {
        public Unavailable {
            attempts = List.copyOf(attempts);
        }
    }
}
