package dev.stratum.llm.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class EgressAllowListTest {
    @Test
    void should_permit_listed_hosts_in_any_case_and_subdomains_of_a_wildcard_only() {
        EgressAllowList list = EgressAllowList.parse(" API.openai.com, *.openai.azure.com ,[::1]");

        assertThat(list.permits("api.openai.com")).isTrue();
        assertThat(list.permits("Api.OpenAI.com.")).isTrue();
        assertThat(list.permits("my-resource.openai.azure.com")).isTrue();
        assertThat(list.permits("[::1]")).isTrue();
        assertThat(list.permits("openai.azure.com")).as("the wildcard is for subdomains").isFalse();
        assertThat(list.permits("api.openai.com.evil.example")).isFalse();
        assertThat(list.permits("evilopenai.azure.com")).isFalse();
        assertThat(list.permits("localhost")).isFalse();
        assertThat(list.permits(null)).isFalse();
        assertThat(list).hasToString("*.openai.azure.com,::1,api.openai.com");
    }

    @Test
    void should_refuse_entries_that_are_not_hosts() {
        assertThatThrownBy(() -> EgressAllowList.parse("https://api.openai.com/v1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("STRATUM_LLM_ALLOWED_HOSTS entry 'https://api.openai.com/v1' is not a host name; list host"
                        + " names or addresses only, without scheme, port or path, for example"
                        + " api.openai.com,*.openai.azure.com");
        assertThatThrownBy(() -> EgressAllowList.parse("localhost:11434")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> EgressAllowList.parse(" , ")).hasMessageContaining("lists no host");
    }
}
