/**
 * The records of a model version's life after training: its states and their history ({@link
 * dev.stratum.api.lifecycle.ModelState}, {@link dev.stratum.api.lifecycle.StateChange}), the evaluation gate's
 * thresholds and report ({@link dev.stratum.api.lifecycle.GateConfig}, {@link dev.stratum.api.lifecycle.GateReport}),
 * the rollback rule, and a task's policy for all of it ({@link dev.stratum.api.lifecycle.ModelPolicy}). The engine's
 * {@code dev.stratum.lifecycle} package holds the computations over them.
 */
package dev.stratum.api.lifecycle;
