package dev.stratum.store.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that need a real PostgreSQL: they run when STRATUM_TEST_PG_URL is set (as .ci/run sets it) and are
 * skipped when it is not, with a reason in the test report and one line on the console saying so.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    /** Enables the annotated tests only when the test database is configured. */
    final class Condition implements ExecutionCondition {
        static final String REASON = TestDatabase.URL_VARIABLE + " is not set, so the PostgreSQL tests are skipped;"
                + " to run them, set it to jdbc:postgresql://HOST:PORT/DATABASE (with STRATUM_TEST_PG_USER and"
                + " STRATUM_TEST_PG_PASSWORD, or credentials in the URL), as .ci/run does";
        private static final AtomicBoolean TOLD = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(TestDatabase.URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled(TestDatabase.URL_VARIABLE + " is set");
            }
            if (TOLD.compareAndSet(false, true)) {
                System.err.println("NOTE: " + REASON);
            }
            return ConditionEvaluationResult.disabled(REASON);
        }
    }
}
