package dev.stratum.store.selection;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.store.Store;
import dev.stratum.store.postgres.PostgresConfig;
import dev.stratum.store.postgres.PostgresStore;
import dev.stratum.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Opens the store that configuration names: the embedded SQLite store in the data directory by default, or a shared
 * PostgreSQL database when a database URL is given ({@code --db URL} or {@code STRATUM_DB_URL}).
 */
public final class Stores {
    /** The environment variable that holds the PostgreSQL user when the URL names none. */
    public static final String USER_VARIABLE = "STRATUM_DB_USER";
    /** The environment variable that holds the PostgreSQL password when the URL carries none. */
    public static final String PASSWORD_VARIABLE = "STRATUM_DB_PASSWORD";

    private Stores() {}

    /**
     * Opens the store for {@code dbUrl}, taking missing credentials from {@code STRATUM_DB_USER} and
     * {@code STRATUM_DB_PASSWORD}.
     *
     * @param dbUrl null or blank for SQLite in {@code dataDir}; {@code jdbc:postgresql://HOST:PORT/DATABASE[?...]}
     *     or {@code postgres://USER:PASSWORD@HOST:PORT/DATABASE} for PostgreSQL
     * @param dataDir where the SQLite store keeps its file; unused for PostgreSQL
     * @throws InvalidRequestException when the URL names a database Stratum cannot use
     * @throws dev.stratum.api.UnavailableException when the store cannot be opened
     */
    public static Store open(String dbUrl, Path dataDir, Clock clock) {
        return open(dbUrl, dataDir, clock, System::getenv);
    }

    /** As {@link #open(String, Path, Clock)}, with the environment given; for tests. */
    static Store open(String dbUrl, Path dataDir, Clock clock, UnaryOperator<String> environment) {
        if (dbUrl == null || dbUrl.isBlank()) {
            return SqliteStore.open(dataDir, clock);
        }
        return PostgresStore.open(postgresConfig(dbUrl, environment), clock);
    }

    /** The PostgreSQL settings for {@code dbUrl}, credentials from the environment filling in what it lacks. */
    static PostgresConfig postgresConfig(String dbUrl, UnaryOperator<String> environment) {
        String url = dbUrl.strip();
        if (!(url.startsWith(PostgresConfig.JDBC_PREFIX) || url.startsWith("postgres://")
                || url.startsWith("postgresql://"))) {
            throw new InvalidRequestException("invalid_db_url", "database URL '" + PostgresConfig.masked(url)
                    + "' is not one Stratum can use; give jdbc:postgresql://HOST:PORT/DATABASE (or"
                    + " postgres://USER:PASSWORD@HOST:PORT/DATABASE) for PostgreSQL, or no --db (and no"
                    + " STRATUM_DB_URL) for the embedded SQLite store in the data directory");
        }
        return PostgresConfig.fromUrl(url, environment.apply(USER_VARIABLE), environment.apply(PASSWORD_VARIABLE));
    }
}
