package dev.stratum.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V5 on a database written before model states existed: every version served from its training on, so the
 * current one is production and the others are retired, each with that history, and a rollback to them is allowed.
 */
class ModelStatesMigrationTest {
    @TempDir
    Path dir;

    @Test
    void v5_givesVersionsTrainedBeforeItTheStatesAndHistoryTheyHad() throws SQLException {
        Path file = dir.resolve("stratum.db");
        Flyway.configure().dataSource(SqliteDatabase.url(file), null, null).locations(SqliteStore.MIGRATIONS)
                .target("4").load().migrate();
        try (Connection c = DriverManager.getConnection(SqliteDatabase.url(file));
                Statement s = c.createStatement()) {
            s.executeUpdate("insert into tasks (id, name, kind, labels, settings, created_at, updated_at) values"
                    + " ('t', 't', 'CLASSIFICATION', '[]', '{\"retrainEvery\":50}', 0, 0)");
            for (int v = 1; v <= 2; v++) {
                s.executeUpdate("insert into model_versions (id, task_id, version, kind, is_current, created_at,"
                        + " metrics, artifact) values ('t-v" + v + "', 't', " + v + ", 'head', " + (v == 2 ? 1 : 0)
                        + ", " + v * 1000 + ", '{}', x'00')");
            }
        }

        try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
            assertThat(store.models().list("t")).extracting(ModelVersion::state)
                    .containsExactly(ModelState.PRODUCTION, ModelState.RETIRED);
            assertThat(store.models().history("t-v1")).extracting(StateChange::to)
                    .containsExactly(ModelState.PRODUCTION, ModelState.RETIRED);
            assertThat(store.models().history("t-v2")).singleElement()
                    .satisfies(change -> assertThat(change.actor()).isEqualTo("migration V5"));
            assertThat(StateChange.servedInProduction(store.models().history("t-v1"))).isTrue();
        }
    }
}
