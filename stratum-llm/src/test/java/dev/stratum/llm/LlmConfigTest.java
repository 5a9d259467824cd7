package dev.stratum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.llm.privacy.EgressAllowList;
import dev.stratum.llm.privacy.PrivacyMode;
import dev.stratum.llm.privacy.PrivacySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmConfigTest {
    private static final Map<String, String> MINIMAL = Map.of(
            LlmConfig.ENV_BASE_URL, "https://api.example.com/v1/",
            LlmConfig.ENV_MODEL, "gpt-4o-mini",
            LlmConfig.ENV_API_KEY, "sk-very-secret");

    @Test
    void should_mean_no_llm_when_nothing_is_configured() {
        assertThat(LlmConfig.fromEnvironment(Map.of())).isEmpty();
        assertThat(LlmConfig.fromEnvironment(Map.of(LlmConfig.ENV_BASE_URL, "  "))).isEmpty();
    }

    @Test
    void should_read_the_provider_with_defaults_for_the_rest() {
        LlmConfig config = LlmConfig.fromEnvironment(MINIMAL).orElseThrow();

        assertThat(config.baseUrl()).hasToString("https://api.example.com/v1");
        assertThat(config.model()).isEqualTo("gpt-4o-mini");
        assertThat(config.apiKey()).isEqualTo("sk-very-secret");
        assertThat(config.timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
        assertThat(config.deadline()).isEqualTo(LlmConfig.DEFAULT_DEADLINE);
        assertThat(config.maxRetries()).isEqualTo(LlmConfig.DEFAULT_MAX_RETRIES);
        assertThat(config.breaker()).isEqualTo(LlmConfig.CircuitBreakerSettings.DEFAULT);
    }

    @Test
    void should_read_every_setting() {
        Map<String, String> env = new java.util.HashMap<>(MINIMAL);
        env.put(LlmConfig.ENV_TIMEOUT, "1500ms");
        env.put(LlmConfig.ENV_DEADLINE, "PT4S");
        env.put(LlmConfig.ENV_MAX_RETRIES, "0");
        env.put(LlmConfig.ENV_RETRY_BACKOFF, "0.25s");
        env.put(LlmConfig.ENV_BREAKER_WINDOW, "20");
        env.put(LlmConfig.ENV_BREAKER_FAILURE_RATE, "0.8");
        env.put(LlmConfig.ENV_BREAKER_OPEN, "2m");

        LlmConfig config = LlmConfig.fromEnvironment(env).orElseThrow();

        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.maxRetries()).isZero();
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.breaker()).isEqualTo(new LlmConfig.CircuitBreakerSettings(20, 0.8, Duration.ofMinutes(2)));
    }

    @Test
    void should_allow_a_local_server_without_a_key() {
        LlmConfig config = LlmConfig.fromEnvironment(Map.of(
                LlmConfig.ENV_BASE_URL, "http://localhost:11434/v1", LlmConfig.ENV_MODEL, "llama3.2")).orElseThrow();

        assertThat(config.apiKey()).isNull();
        assertThat(config.toString()).contains("apiKey=none");
    }

    @Test
    void should_never_print_the_key() {
        LlmConfig config = LlmConfig.fromEnvironment(MINIMAL).orElseThrow();

        assertThat(config.toString()).doesNotContain("sk-very-secret").contains("apiKey=****");
        assertThat(config.providerName()).doesNotContain("sk-very-secret");
    }

    @Test
    void should_name_the_missing_variable_when_the_configuration_is_partial() {
        assertThatThrownBy(() -> LlmConfig.fromEnvironment(Map.of(LlmConfig.ENV_MODEL, "gpt-4o-mini")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("STRATUM_LLM_BASE_URL is not set but STRATUM_LLM_MODEL is; an LLM provider needs both");
        assertThatThrownBy(() -> LlmConfig.fromEnvironment(Map.of(LlmConfig.ENV_API_KEY, "sk-x")))
                .hasMessageContaining("STRATUM_LLM_API_KEY is set but");
    }

    @Test
    void should_reject_bad_values_with_the_variable_the_value_and_the_way_out() {
        assertThatThrownBy(() -> LlmConfig.of("ftp://host/v1", "m", null))
                .hasMessageContaining("STRATUM_LLM_BASE_URL 'ftp://host/v1' is not an http(s) URL");
        assertThatThrownBy(() -> LlmConfig.of("https://host/v1?key=sk-abc", "m", null))
                .hasMessageContaining("carries a query").message().doesNotContain("sk-abc");
        assertThatThrownBy(() -> LlmConfig.of("https://host/v1", " ", null))
                .hasMessageContaining("STRATUM_LLM_MODEL is empty");
        assertThatThrownBy(() -> env(LlmConfig.ENV_TIMEOUT, "soon"))
                .hasMessage("STRATUM_LLM_TIMEOUT is 'soon', not a duration; write it like 500ms, 20s or 2m");
        assertThatThrownBy(() -> env(LlmConfig.ENV_TIMEOUT, "40s"))
                .hasMessageContaining("STRATUM_LLM_TIMEOUT (PT40S) is longer than STRATUM_LLM_DEADLINE (PT30S)");
        assertThatThrownBy(() -> env(LlmConfig.ENV_MAX_RETRIES, "11"))
                .hasMessage("STRATUM_LLM_MAX_RETRIES is 11; use 0 to 10 (default 2)");
        assertThatThrownBy(() -> env(LlmConfig.ENV_MAX_RETRIES, "two"))
                .hasMessageContaining("'two', not a whole number");
        assertThatThrownBy(() -> env(LlmConfig.ENV_BREAKER_FAILURE_RATE, "50"))
                .hasMessageContaining("STRATUM_LLM_BREAKER_FAILURE_RATE is 50.0; use the share of failed calls");
        assertThatThrownBy(() -> env(LlmConfig.ENV_BREAKER_OPEN, "0s"))
                .hasMessageContaining("STRATUM_LLM_BREAKER_OPEN is PT0S; use a positive duration");
    }

    @Test
    void should_redact_by_default_and_allow_only_the_base_url_host() {
        LlmConfig config = LlmConfig.fromEnvironment(MINIMAL).orElseThrow();

        assertThat(config.privacy()).isEqualTo(PrivacySettings.DEFAULT);
        assertThat(config.privacy().mode()).isEqualTo(PrivacyMode.REDACT);
        assertThat(config.allowedHosts()).isEqualTo(EgressAllowList.only("api.example.com"));
        assertThat(LlmConfig.of("http://localhost:11434/v1", "llama3.2", null).privacy().mode())
                .isEqualTo(PrivacyMode.REDACT);
    }

    @Test
    void should_read_the_privacy_settings_and_never_print_the_names(@TempDir Path dir) throws Exception {
        Path names = dir.resolve("names.txt");
        Files.writeString(names, "# staff\nMaria Oliveira\n\n  Jan Kowalski  \n");
        Map<String, String> env = new java.util.HashMap<>(MINIMAL);
        env.put(PrivacySettings.ENV_MODE, "Block");
        env.put(PrivacySettings.ENV_NAMES, "Aiko Tanaka, ,Zoë");
        env.put(PrivacySettings.ENV_NAMES_FILE, names.toString());
        env.put(EgressAllowList.ENV_ALLOWED_HOSTS, "api.example.com,*.openai.azure.com");

        LlmConfig config = LlmConfig.fromEnvironment(env).orElseThrow();

        assertThat(config.privacy().mode()).isEqualTo(PrivacyMode.BLOCK);
        assertThat(config.privacy().names()).containsExactly("Aiko Tanaka", "Zoë", "Maria Oliveira", "Jan Kowalski");
        assertThat(config.allowedHosts().permits("x.openai.azure.com")).isTrue();
        assertThat(config.toString()).contains("privacy=PrivacySettings[mode=block, names=4]")
                .contains("allowedHosts=*.openai.azure.com,api.example.com")
                .doesNotContain("Maria").doesNotContain("Aiko");
    }

    @Test
    void should_reject_bad_privacy_settings_with_the_way_out() {
        assertThatThrownBy(() -> env(PrivacySettings.ENV_MODE, "hide"))
                .hasMessage("STRATUM_LLM_PRIVACY is 'hide'; use redact (placeholders instead of identifiers), block"
                        + " (refuse texts with identifiers) or allow");
        assertThatThrownBy(() -> env(PrivacySettings.ENV_NAMES_FILE, "/no/such/names.txt"))
                .hasMessage("STRATUM_LLM_PII_NAMES_FILE '/no/such/names.txt' cannot be read (NoSuchFileException);"
                        + " give a UTF-8 file with one name per line");
        assertThatThrownBy(() -> env(EgressAllowList.ENV_ALLOWED_HOSTS, "api.example.com:443"))
                .hasMessageContaining("entry 'api.example.com:443' is not a host name");
    }

    private static LlmConfig env(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(MINIMAL);
        env.put(name, value);
        return LlmConfig.fromEnvironment(env).orElseThrow();
    }
}
