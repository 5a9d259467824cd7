package dev.stratum.cli;

import dev.stratum.store.postgres.TestDatabase;
import java.util.Map;

/**
 * A schema of the test database for Stratum processes to share, created empty and dropped at the end, and the
 * environment that points a process at it (STRATUM_DB_URL, STRATUM_DB_USER, STRATUM_DB_PASSWORD).
 */
final class PostgresSchema implements AutoCloseable {
    private final String name = TestDatabase.newSchemaName();

    private PostgresSchema() {
        TestDatabase.execute("create schema " + name);
    }

    static PostgresSchema create() {
        return new PostgresSchema();
    }

    String name() {
        return name;
    }

    /** The JDBC URL of the schema, through {@code url} (the test database's, or a proxy's in front of it). */
    String url(String url) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    Map<String, String> environment() {
        return environment(TestDatabase.url());
    }

    Map<String, String> environment(String url) {
        return Map.of("STRATUM_DB_URL", url(url), "STRATUM_DB_USER", TestDatabase.user(), "STRATUM_DB_PASSWORD",
                TestDatabase.password());
    }

    @Override
    public void close() {
        TestDatabase.dropSchema(name);
    }
}
