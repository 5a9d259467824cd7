package dev.stratum.llm;

import dev.stratum.api.UnavailableException;
import java.util.List;

/**
 * The outcome of classifying one text with a chat model. A model gives one label, not a calibrated distribution, so
 * there is no probability here: the engine's ODD policy decides how far to trust the general layer. Every case
 * carries every attempt, in order, and the id of the prompt template.
 */
public sealed interface LlmClassification {
    List<Attempt> attempts();

    String promptId();

    /** The model named a label of the taxonomy. */
    record Labelled(String label, List<Attempt> attempts, String promptId) implements LlmClassification {
        public Labelled {
            attempts = List.copyOf(attempts);
        }
    }

    /** No answer named a label of the taxonomy within the re-asks allowed; {@code reason} is the last error. */
    record Abstained(String reason, List<Attempt> attempts, String promptId) implements LlmClassification {
        public Abstained {
            attempts = List.copyOf(attempts);
        }
    }

    /** The provider could not answer; the engine answers from its local layers. */
    record Unavailable(UnavailableException error, List<Attempt> attempts, String promptId)
            implements LlmClassification {
        public Unavailable {
            attempts = List.copyOf(attempts);
        }
    }
}
