package dev.stratum.store.sqlite;

import dev.stratum.api.store.Store;
import dev.stratum.store.contract.AuditContractTest;
import dev.stratum.store.contract.EmbeddingAndKeyContractTest;
import dev.stratum.store.contract.ExampleReviewContractTest;
import dev.stratum.store.contract.ExampleStoreContractTest;
import dev.stratum.store.contract.ModelStoreContractTest;
import dev.stratum.store.contract.PoolAndHistoryContractTest;
import dev.stratum.store.contract.PredictionStoreContractTest;
import dev.stratum.store.contract.ReviewAndPolicyContractTest;
import dev.stratum.store.contract.StoreLifecycleContractTest;
import dev.stratum.store.contract.TaskStoreContractTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** Runs the store contract against {@link SqliteStore} on a real SQLite file per test. */
class SqliteStoreTest {

    @Nested
    class Tasks extends TaskStoreContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class Examples extends ExampleStoreContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class Predictions extends PredictionStoreContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class ReviewsAndPolicies extends ReviewAndPolicyContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class Models extends ModelStoreContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class EmbeddingsAndKeys extends EmbeddingAndKeyContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class Lifecycle extends StoreLifecycleContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class PoolAndHistory extends PoolAndHistoryContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class ExampleReviews extends ExampleReviewContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }
    }

    @Nested
    class Audit extends AuditContractTest {
        @Override
        protected Store openStore(Path dir, Clock clock) {
            return SqliteStore.open(dir, clock);
        }

        @Override
        protected void tamper(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE_NAME));
                    Statement statement = c.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }
}
