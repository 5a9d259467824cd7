/**
 * The shared backend of {@link dev.stratum.api.store.Store}: a PostgreSQL database that several Stratum processes use
 * at once. {@link dev.stratum.store.postgres.PostgresStore} and its {@link dev.stratum.store.postgres.PostgresConfig}
 * are the entry points; everything else is package-private. The schema (db/migration/postgresql) follows the SQLite
 * one version by version and adds the example change log that replicas catch up from.
 */
package dev.stratum.store.postgres;
