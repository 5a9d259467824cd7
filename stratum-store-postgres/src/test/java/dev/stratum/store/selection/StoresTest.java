package dev.stratum.store.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.Task;
import dev.stratum.api.TaskKind;
import dev.stratum.api.TaskSettings;
import dev.stratum.api.store.Store;
import dev.stratum.store.postgres.PostgresConfig;
import dev.stratum.store.postgres.PostgresStore;
import dev.stratum.store.postgres.RequiresPostgres;
import dev.stratum.store.postgres.TestDatabase;
import dev.stratum.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which store a database URL opens. */
class StoresTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void open_withoutADatabaseUrl_opensSqliteInTheDataDirectory(String dbUrl) {
        try (Store store = Stores.open(dbUrl, dataDir, Clock.systemUTC())) {
            assertThat(store).isInstanceOf(SqliteStore.class);
            assertThat(dataDir.resolve(SqliteStore.FILE_NAME)).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://db/stratum", "mongodb://db/stratum", "stratum.db"})
    void open_urlOfAnotherDatabase_throwsInvalidDbUrl_namingTheWayOut(String dbUrl) {
        assertThatThrownBy(() -> Stores.open(dbUrl, dataDir, Clock.systemUTC()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE")
                .hasMessageContaining("no --db")
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("invalid_db_url");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void postgresConfig_takesTheCredentialsTheUrlLacks_fromTheEnvironment() {
        Map<String, String> environment = Map.of("STRATUM_DB_USER", "app", "STRATUM_DB_PASSWORD", "s3cret");

        PostgresConfig fromEnvironment = Stores.postgresConfig(" jdbc:postgresql://db:5432/stratum ", environment::get);
        PostgresConfig fromUrl = Stores.postgresConfig("postgres://owner:pw@db/stratum", environment::get);

        assertThat(fromEnvironment.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/stratum");
        assertThat(fromEnvironment.user()).isEqualTo("app");
        assertThat(fromEnvironment.password()).isEqualTo("s3cret");
        assertThat(fromUrl.user()).isEqualTo("owner");
        assertThat(fromUrl.password()).isEqualTo("pw");
    }

    @Test
    @RequiresPostgres
    void open_postgresUrl_opensThePostgresStore_withCredentialsFromTheEnvironment() {
        String schema = TestDatabase.newSchemaName();
        TestDatabase.execute("create schema " + schema);
        String url = TestDatabase.url() + (TestDatabase.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Map<String, String> environment = new HashMap<>();
        environment.put("STRATUM_DB_USER", TestDatabase.user());
        environment.put("STRATUM_DB_PASSWORD", TestDatabase.password());
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        Task task = new Task("expenses", null, TaskKind.CLASSIFICATION, List.of(new Label("travel", null)),
                TaskSettings.DEFAULTS, now, now);
        try (Store store = Stores.open(url, dataDir, Clock.systemUTC(), environment::get)) {
            assertThat(store).isInstanceOf(PostgresStore.class);
            store.tasks().insert(task);
            assertThat(store.tasks().find("expenses")).contains(task);
            assertThat(dataDir).isEmptyDirectory();
        } finally {
            TestDatabase.dropSchema(schema);
        }
    }
}
