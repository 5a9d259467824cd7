package dev.stratum.store.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Marks tests that need a real PostgreSQL: they run when STRATUM_TEST_PG_URL is set (as .ci/run sets it) and are
 * skipped, saying why, when it is not.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(named = TestDatabase.URL_VARIABLE, matches = ".+",
        disabledReason = "STRATUM_TEST_PG_URL is not set, so the PostgreSQL tests are skipped; set it to"
                + " jdbc:postgresql://HOST:PORT/DATABASE (plus STRATUM_TEST_PG_USER and STRATUM_TEST_PG_PASSWORD, or"
                + " credentials in the URL) to run them, as .ci/run does")
public @interface RequiresPostgres {}
