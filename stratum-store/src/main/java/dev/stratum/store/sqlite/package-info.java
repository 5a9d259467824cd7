/**
 * The embedded default backend of {@link dev.stratum.api.store.Store}: one SQLite file with a Flyway-managed schema.
 * {@link dev.stratum.store.sqlite.SqliteStore} is the entry point; everything else is package-private.
 */
package dev.stratum.store.sqlite;
