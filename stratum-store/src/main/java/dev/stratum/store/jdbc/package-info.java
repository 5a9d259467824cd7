/**
 * JDBC that both backends run alike: statements in the SQL that SQLite and PostgreSQL share, on a connection and
 * transaction the backend opens. A backend keeps only what differs (locking, error codes, column types).
 */
package dev.stratum.store.jdbc;
