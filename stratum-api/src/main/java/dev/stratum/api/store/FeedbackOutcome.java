package dev.stratum.api.store;

import dev.stratum.api.Example;

/**
 * What recording feedback changed.
 *
 * @param added the validated example the feedback created, or null (a rejection creates none)
 * @param replacedExampleId the example that earlier feedback on the same prediction had created and that is now
 *     deleted, or null
 */
public record FeedbackOutcome(Example added, Long replacedExampleId) {}
