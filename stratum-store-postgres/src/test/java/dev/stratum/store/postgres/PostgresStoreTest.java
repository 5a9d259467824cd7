package dev.stratum.store.postgres;

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
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the store contract against {@link PostgresStore} on a real PostgreSQL: each contract class in a schema of its
 * own, emptied before each test.
 */
@RequiresPostgres
class PostgresStoreTest {

    @Nested
    class Tasks extends TaskStoreContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class Examples extends ExampleStoreContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class Predictions extends PredictionStoreContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class ReviewsAndPolicies extends ReviewAndPolicyContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class Models extends ModelStoreContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class EmbeddingsAndKeys extends EmbeddingAndKeyContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class Lifecycle extends StoreLifecycleContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class PoolAndHistory extends PoolAndHistoryContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class ExampleReviews extends ExampleReviewContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }
    }

    @Nested
    class Audit extends AuditContractTest {
        @RegisterExtension
        static final SchemaPerClass schema = new SchemaPerClass();

        @Override
        protected Store openStore(Path dir, Clock clock) {
            return schema.open(clock);
        }

        @Override
        protected void tamper(String sql) {
            TestDatabase.execute("set search_path to " + schema.schema() + "; " + sql);
        }
    }
}
