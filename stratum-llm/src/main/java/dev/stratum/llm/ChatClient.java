package dev.stratum.llm;

import java.time.Duration;
import java.util.List;

/**
 * A chat model that answers a conversation with text. Calls either return within their deadline or throw
 * {@link dev.stratum.api.UnavailableException} with one of the codes below; the engine answers from its local layers
 * then. A call that the task's privacy mode refuses (block, and the conversation holds a personal identifier) throws
 * {@link dev.stratum.api.InvalidRequestException} with code {@link dev.stratum.llm.privacy.PiiRedactor#BLOCKED}
 * before anything is sent.
 */
public interface ChatClient {
    /** The provider failed on every attempt with retriable errors (timeouts, connection errors, 408, 429, 5xx). */
    String UNAVAILABLE = "llm_unavailable";
    /** The whole call, retries included, ran past its deadline. */
    String DEADLINE_EXCEEDED = "llm_deadline_exceeded";
    /** The provider has been failing, and calls fail at once until the circuit breaker lets a trial call through. */
    String CIRCUIT_OPEN = "llm_circuit_open";
    /** The provider refused the request (400, 401, 403, 404): a configuration error that retrying will not fix. */
    String REJECTED = "llm_rejected";

    /**
     * Sends {@code conversation} and returns the model's answer (empty when it gave no text), within {@code timeLeft}
     * or the client's own deadline, whichever is shorter.
     */
    String complete(List<ChatTurn> conversation, Duration timeLeft);

    /** Sends {@code conversation} within the client's own deadline. */
    default String complete(List<ChatTurn> conversation) {
        return complete(conversation, Duration.ofSeconds(Long.MAX_VALUE));
    }
}
