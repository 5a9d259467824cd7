package dev.stratum.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/** The PostgreSQL database the tests may use, from STRATUM_TEST_PG_URL, STRATUM_TEST_PG_USER and ..._PASSWORD. */
public final class TestDatabase {
    public static final String URL_VARIABLE = "STRATUM_TEST_PG_URL";

    private TestDatabase() {}

    public static String url() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(URL_VARIABLE + " is not set; mark the test @RequiresPostgres");
        }
        return url;
    }

    public static String user() {
        return System.getenv("STRATUM_TEST_PG_USER");
    }

    public static String password() {
        return System.getenv("STRATUM_TEST_PG_PASSWORD");
    }

    /** A schema name no other test uses. */
    public static String newSchemaName() {
        return "stratum_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** Settings for a store in {@code schema}, with a small pool: tests open many stores one after the other. */
    public static PostgresConfig config(String schema) {
        return new PostgresConfig(url(), user(), password(), schema, 4, Duration.ofSeconds(5));
    }

    /** A connection of the test's own, outside any store. */
    public static Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user() != null) {
            properties.setProperty("user", user());
        }
        if (password() != null) {
            properties.setProperty("password", password());
        }
        return DriverManager.getConnection(url(), properties);
    }

    public static void execute(String sql) {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on the test database", e);
        }
    }

    public static void dropSchema(String schema) {
        execute("drop schema if exists " + schema + " cascade");
    }
}
