package dev.stratum.api.analysis;

import dev.stratum.api.Example;

/**
 * A corrected example. The correction replaces the example by a new one (a new id, so it counts towards the next
 * training, and in the memory at once), confirmed by the reviewer who made it.
 *
 * @param previousId the id the example had
 * @param previousLabel the label it had
 * @param example the example as stored now
 */
public record LabelFix(long previousId, String previousLabel, Example example) {}
