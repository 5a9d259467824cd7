/**
 * The orchestration layer: the engine that serves tasks, the cascade that routes each input through the model layers,
 * and the loop that turns feedback into validated examples, indexes them and retrains.
 */
package dev.stratum.orchestration;
