/** Stratum's data (tasks, predictions, examples, model versions), its service facade, and its exceptions. */
package dev.stratum.api;
