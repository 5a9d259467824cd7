package dev.stratum.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.UnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The connection pool to one PostgreSQL database, and the one place where its errors become Stratum's: a failure to
 * reach or use the database is a {@code store_unavailable} {@link UnavailableException} (HTTP 503) that names what
 * failed and where, with the driver's exception as its cause.
 */
final class PostgresDatabase implements AutoCloseable {
    /** SQLSTATE of a unique or primary key violation. */
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a foreign key violation. */
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** SQLSTATEs of text PostgreSQL cannot store: NUL (U+0000) in text, or as an escape in jsonb. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    /** How Stratum's connections show in pg_stat_activity. */
    static final String APPLICATION_NAME = "stratum";

    private final PostgresConfig config;
    private final HikariDataSource pool;

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private PostgresDatabase(PostgresConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
    }

    /** Opens the pool and checks that one connection can be made. */
    static PostgresDatabase open(PostgresConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("stratum-postgres");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setSchema(config.schema());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        // Grow under load, shrink when idle: several replicas share the database's connection limit.
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.connectionTimeout().toMillis(), 5_000));
        // The driver reads its properties as strings.
        hikari.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        // Whole seconds; the driver's default of 10 s would make every call wait that long for a dead host.
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(connectTimeoutSeconds(config)));
        // A batch goes as multi-row inserts, many rows per statement, instead of one statement per row.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new PostgresDatabase(config, new HikariDataSource(hikari));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UnavailableException("store_unavailable", "could not connect to the PostgreSQL store at "
                    + config.target() + " as " + (config.user() == null ? "the URL's user" : "'" + config.user() + "'")
                    + ": " + cause.getMessage() + ". Check that PostgreSQL is running and reachable from here and"
                    + " that the user, password and database are right (--db URL, STRATUM_DB_USER,"
                    + " STRATUM_DB_PASSWORD), then retry.", e);
        }
    }

    /**
     * A data source of fresh, unpooled connections with the pool's settings, for Flyway: it holds a connection of its
     * own for its lock while it migrates on another, which a pool of one could not give it.
     */
    DataSource unpooledDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.jdbcUrl());
        if (config.user() != null) {
            dataSource.setUser(config.user());
        }
        if (config.password() != null) {
            dataSource.setPassword(config.password());
        }
        dataSource.setApplicationName(APPLICATION_NAME);
        dataSource.setConnectTimeout(connectTimeoutSeconds(config));
        return dataSource;
    }

    private static int connectTimeoutSeconds(PostgresConfig config) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.connectionTimeout().toSeconds()));
    }

    PostgresConfig config() {
        return config;
    }

    /**
     * Runs {@code work} in autocommit mode; {@code what} completes "could not ..." in error messages. A read that fails
     * because the pooled connection it was given had died (the database restarted, the line was cut) is tried once
     * more on a new connection: the other idle connections died with it, so they are evicted first. When no
     * connection can be had at all (the database is down), it fails at once, without a second wait. Reads change
     * nothing, so trying again is safe; writes are never retried here.
     */
    <T> T read(String what, SqlWork<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw translate(what, e);
        }
        try (c) {
            return work.apply(c);
        } catch (SQLException e) {
            String state = sqlState(e);
            if (state == null || !state.startsWith("08")) {
                throw translate(what, e);
            }
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
            try (Connection fresh = pool.getConnection()) {
                return work.apply(fresh);
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw translate(what, again);
            }
        }
    }

    /**
     * Runs {@code work} as one transaction and returns once it is committed (and durable: PostgreSQL's default
     * synchronous_commit); rolls it back on any failure.
     */
    <T> T write(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is broken; PostgreSQL rolls back a transaction whose connection is gone.
            failure.addSuppressed(e);
        }
    }

    private RuntimeException translate(String what, SQLException e) {
        String state = sqlState(e);
        if (state != null && UNSTORABLE_TEXT.contains(state)) {
            return new InvalidRequestException("unsupported_character", "could not " + what + ": the text contains"
                    + " a character that PostgreSQL cannot store (NUL, U+0000); remove it and send the request again",
                    e);
        }
        return unavailable(what, e);
    }

    UnavailableException unavailable(String what, SQLException e) {
        String state = sqlState(e);
        boolean unreachable = e instanceof SQLTransientConnectionException
                || state == null
                || state.startsWith("08") // connection exception
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57"); // operator intervention: shutdown, restart
        String hint = unreachable
                ? " The database may be down or unreachable: check that PostgreSQL is running and accepts connections"
                        + " from this host, then retry."
                : " The database refused the statement: check that the schema is the one this version of Stratum"
                        + " migrated and that the user may use it, then retry.";
        return new UnavailableException("store_unavailable", "could not " + what + " in the PostgreSQL store at "
                + config.target() + ": " + e.getMessage() + "." + hint, e);
    }

    /**
     * The SQLSTATE of the server error behind {@code e}: a failed JDBC batch reports a BatchUpdateException whose
     * server error is chained as its next exception.
     */
    static String sqlState(SQLException e) {
        PSQLException server = serverError(e);
        return server != null ? server.getSQLState() : e.getSQLState();
    }

    /** The name of the constraint that {@code e} reports violated, or null. */
    static String constraint(SQLException e) {
        PSQLException server = serverError(e);
        ServerErrorMessage message = server == null ? null : server.getServerErrorMessage();
        return message == null ? null : message.getConstraint();
    }

    private static PSQLException serverError(SQLException e) {
        Set<Throwable> seen = new HashSet<>();
        Throwable t = e;
        while (t != null && seen.add(t)) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p;
            }
            Throwable next = t instanceof SQLException s && s.getNextException() != null ? s.getNextException() : null;
            t = next != null ? next : t.getCause();
        }
        return null;
    }

    boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public void close() {
        pool.close();
    }
}
