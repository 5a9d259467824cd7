/**
 * What Stratum persists, as interfaces: each backend (embedded SQLite, shared PostgreSQL) implements all of them; a
 * shared one also offers the {@link dev.stratum.api.store.ChangeFeed} that keeps replicas in step and the
 * {@link dev.stratum.api.store.TrainingLocks} that keep trainings apart.
 */
package dev.stratum.api.store;
