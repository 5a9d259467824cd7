/** What Stratum persists, as interfaces: each backend (SQLite now, PostgreSQL later) implements all of them. */
package dev.stratum.api.store;
