/**
 * Active learning: which unlabelled items a person should label next, so that each label teaches the model most.
 * {@link dev.stratum.learning.active.SelectionStrategy} ranks a pool of embedded items given the labelled examples so
 * far and the current model's predictions; {@link dev.stratum.learning.active.SelectionStrategies} names the
 * strategies (random, margin, entropy, BALD over a bootstrap ensemble, predicted loss, and a diversity-aware batch
 * mode over any of the scored ones). With no labels yet, every strategy picks a diverse seed set by clustering.
 */
package dev.stratum.learning.active;
