package dev.stratum.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading, validating and printing the PostgreSQL settings; no database needed. */
class PostgresConfigTest {

    @Test
    void toString_masksThePassword_inItsFieldAndInTheUrl() {
        PostgresConfig config = PostgresConfig.of(
                "jdbc:postgresql://db:5432/stratum?user=app&password=hunter2&sslmode=require", "app", "s3cret");

        assertThat(config.toString())
                .doesNotContain("hunter2")
                .doesNotContain("s3cret")
                .contains("password=****&sslmode=require")
                .contains("user=app");
    }

    @Test
    void fromUrl_libpqStyle_becomesAJdbcUrl_withTheDecodedCredentials() {
        String url = "postgres://app:p%40ss+word@db.internal:5433/stratum?sslmode=require";

        PostgresConfig config = PostgresConfig.fromUrl(url, null, null);

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/stratum?sslmode=require");
        assertThat(config.user()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("p@ss+word");
        assertThat(config.toString()).doesNotContain("p@ss");
    }

    @Test
    void fromUrl_credentialsInTheUrlWin_andTheGivenOnesFillTheRest() {
        PostgresConfig urlWins = PostgresConfig.fromUrl("postgresql://app:fromurl@db/stratum", "other", "given");
        PostgresConfig filledIn = PostgresConfig.fromUrl("postgresql://db/stratum", "other", "given");

        assertThat(urlWins.user()).isEqualTo("app");
        assertThat(urlWins.password()).isEqualTo("fromurl");
        assertThat(filledIn.jdbcUrl()).isEqualTo("jdbc:postgresql://db/stratum");
        assertThat(filledIn.user()).isEqualTo("other");
        assertThat(filledIn.password()).isEqualTo("given");
    }

    @Test
    void of_urlOfAnotherDatabase_throwsInvalidDbUrl_withThePasswordMasked() {
        assertThatThrownBy(() -> PostgresConfig.of("jdbc:mysql://db/stratum?password=hunter2", null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'jdbc:mysql://db/stratum?password=****' is not a PostgreSQL JDBC URL")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE")
                .extracting(e -> ((InvalidRequestException) e).code())
                .isEqualTo("invalid_db_url");
    }

    @Test
    void masked_hidesAPasswordAfterTheUserName() {
        assertThat(PostgresConfig.masked("postgres://app:hunter2@db:5432/stratum"))
                .isEqualTo("postgres://app:****@db:5432/stratum");
    }

    @Test
    void target_namesHostPortAndDatabase_butNoParameters() {
        PostgresConfig config = PostgresConfig.of("jdbc:postgresql://db:5432/stratum?password=hunter2", null, null);

        assertThat(config.target()).isEqualTo("db:5432/stratum");
    }

    @Test
    void constructor_badSchemaOrPool_isRefusedWithTheValue() {
        String url = "jdbc:postgresql://db/stratum";
        Duration timeout = Duration.ofSeconds(5);

        assertThatThrownBy(() -> new PostgresConfig(url, null, null, "Robert'); drop", 10, timeout))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("schema 'Robert'); drop' is not valid");
        assertThatThrownBy(() -> new PostgresConfig(url, null, null, null, 0, timeout))
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> new PostgresConfig(url, null, null, null, 10, Duration.ofMillis(10)))
                .hasMessageContaining("at least 250 ms");
    }
}
