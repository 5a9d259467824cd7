package dev.stratum.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.UnavailableException;
import dev.stratum.api.store.ApiKey;
import dev.stratum.api.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the SQLite backend: its file, its settings, its migrations and how it fails. */
class SqliteStoreFilesTest {
    @TempDir
    Path dir;

    private static String query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SqliteDatabase.url(file));
                Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void open_createsTheDataDirectoryAndAMigratedDatabaseInWalMode() throws SQLException {
        Path dataDir = dir.resolve("nested/data");

        try (SqliteStore store = SqliteStore.open(dataDir, Clock.systemUTC())) {
            assertThat(store.file()).isEqualTo(dataDir.resolve("stratum.db"));
            assertThat(store.file()).isRegularFile();
            assertThat(query(store.file(), "pragma journal_mode")).isEqualTo("wal");
            assertThat(query(store.file(),
                    "select max(cast(version as integer)) from flyway_schema_history where success = 1"))
                    .isEqualTo("10");
        }
    }

    @Test
    void open_twice_migratesOnlyOnce() throws SQLException {
        SqliteStore.open(dir, Clock.systemUTC()).close();

        try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
            // V1 to V10.
            assertThat(query(store.file(), "select count(*) from flyway_schema_history where version is not null"))
                    .isEqualTo("10");
        }
    }

    @Test
    void open_whereTheDataDirectoryIsAFile_throwsUnavailableNamingIt() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> SqliteStore.open(notADirectory, Clock.systemUTC()))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("--data DIR");
    }

    @Test
    void closedStore_failsWithStoreUnavailable_chainingTheSqlCause_andIsNotHealthy() {
        Store store = SqliteStore.open(dir, Clock.systemUTC());
        store.close();

        assertThat(store.isHealthy()).isFalse();
        assertThatThrownBy(() -> store.tasks().list())
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("could not list tasks in the SQLite store")
                .hasCauseInstanceOf(SQLException.class)
                .extracting(e -> ((UnavailableException) e).code())
                .isEqualTo("store_unavailable");
        assertThatThrownBy(() -> store.apiKeys().insert(new ApiKey("k", "n", "h", "admin", null)))
                .isInstanceOf(UnavailableException.class)
                .hasCauseInstanceOf(SQLException.class);
    }
}
