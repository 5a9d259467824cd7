/**
 * A task's operational design domain as an application declares it: the {@link dev.stratum.api.odd.OddPolicy} (rules
 * and the action on each violation) and the names of its rules and actions on the wire.
 */
package dev.stratum.api.odd;
