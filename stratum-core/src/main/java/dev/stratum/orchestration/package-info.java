/**
 * The orchestration layer: the engine that serves tasks, the cascade that routes each input through the model layers,
 * the loop that turns feedback into validated examples, indexes them and retrains, and the error analysis that runs
 * over a task's examples and predictions in the background ({@code ErrorAnalysis}).
 */
package dev.stratum.orchestration;
