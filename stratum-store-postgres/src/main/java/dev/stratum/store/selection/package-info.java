/**
 * Choosing the store from configuration: {@link dev.stratum.store.selection.Stores#open} opens SQLite or PostgreSQL
 * by the database URL, so that the engine and the CLI need not know either backend.
 */
package dev.stratum.store.selection;
