package dev.stratum.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.UnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit: units that share a transaction still succeed or fail alone. */
class GroupCommitWriterTest {
    @TempDir
    Path dir;

    private Connection connection;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() throws SQLException {
        Path file = dir.resolve("test.db");
        connection = SqliteDatabase.config().createConnection(SqliteDatabase.url(file));
        try (Statement sql = connection.createStatement()) {
            sql.execute("create table items (name text primary key)");
        }
        writer = new GroupCommitWriter(file, connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static Void insert(Connection c, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into items (name) values (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long count() throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("select count(*) from items")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void failingUnit_inAGroup_isRolledBackAlone_whileTheOthersCommit() throws Exception {
        CountDownLatch leaderInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> leader = executor.submit(() -> writer.write("insert the first item", c -> {
                leaderInside.countDown();
                await(release);
                return insert(c, "first");
            }));
            assertThat(leaderInside.await(10, TimeUnit.SECONDS)).isTrue();
            // While the leader holds the connection, these queue up and will be committed as one group.
            Future<?> failing = executor.submit(() -> writer.write("insert two items", c -> {
                insert(c, "half-done");
                return insert(c, "first");
            }));
            Future<?> succeeding = executor.submit(() -> writer.write("insert the third item", c -> insert(c, "third")));
            while (writer.queued() < 3) {
                Thread.onSpinWait();
            }
            release.countDown();

            leader.get();
            succeeding.get();
            assertThatThrownBy(failing::get)
                    .hasCauseInstanceOf(UnavailableException.class)
                    .hasRootCauseInstanceOf(SQLException.class)
                    .hasMessageContaining("could not insert two items");
        }
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void writeInsideAWrite_isRefusedInsteadOfDeadlocking() {
        assertThatThrownBy(() -> writer.write("outer", c -> writer.write("inner", inner -> insert(inner, "x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'inner'");
    }
}
