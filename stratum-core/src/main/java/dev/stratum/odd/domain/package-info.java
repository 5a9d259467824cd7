/**
 * Whether an input belongs to a task's domain at all: {@link dev.stratum.odd.domain.InputDomain} scores how far an
 * input falls from the task's validated examples and how spread the model's belief is on it, against what in-domain
 * inputs showed at calibration; {@link dev.stratum.odd.domain.ExactNeighbourSearch} is the exact nearest-neighbour
 * search over a fixed set of examples that calibration and benchmarks use.
 */
package dev.stratum.odd.domain;
