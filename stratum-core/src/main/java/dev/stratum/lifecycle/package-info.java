/**
 * The statistics and rules of a model's life after training, as pure computation: the paired test and the gate a
 * candidate must pass against production ({@link dev.stratum.lifecycle.EvaluationGate}, {@link
 * dev.stratum.lifecycle.McNemar}), the states a version moves through and which moves are allowed ({@link
 * dev.stratum.lifecycle.ModelState}, {@link dev.stratum.lifecycle.StateChange}), sticky canary routing ({@link
 * dev.stratum.lifecycle.CanaryRouter}), what a shadowed candidate did on live traffic ({@link
 * dev.stratum.lifecycle.ShadowStats}) and when live feedback calls for a rollback ({@link
 * dev.stratum.lifecycle.RollbackRule}). Nothing here stores, serves or schedules anything; the engine does, and
 * consults these.
 */
package dev.stratum.lifecycle;
