package dev.stratum.odd;

import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.odd.OddAction;
import dev.stratum.api.odd.OddRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.stratum.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class OddPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void default_isVersion1WithTheDocumentedRules() {
        OddPolicy p = OddPolicy.DEFAULT;

        assertThat(p.version()).isEqualTo(1);
        assertThat(p.input().maxLength()).isEqualTo(10_000);
        assertThat(p.input().inDomainAcceptance()).isEqualTo(0.95);
        assertThat(p.output().labelInTaxonomy()).isTrue();
        assertThat(p.confidence().coverage()).isEqualTo(0.95);
        assertThat(p.actionFor(OddRule.INPUT_TOO_LONG)).isEqualTo(OddAction.ABSTAIN);
        assertThat(p.actionFor(OddRule.OUT_OF_DOMAIN)).isEqualTo(OddAction.REVIEW);
        assertThat(p.actionFor(OddRule.LABEL_NOT_IN_TAXONOMY)).isEqualTo(OddAction.FALLBACK);
        assertThat(p.actionFor(OddRule.LOW_CONFIDENCE)).isEqualTo(OddAction.REVIEW);
    }

    @Test
    void create_coverageOfOne_namesTheFieldTheValueAndTheFix() {
        assertThatThrownBy(() -> new OddPolicy.ConfidenceRule(1.0, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("ODD policy: confidence.coverage is 1.0; use the probability that the prediction set holds"
                        + " the right label, from 0.5 to 0.999, or leave it out for 0.95");
    }

    @Test
    void create_acceptanceAboveOne_namesTheFieldTheValueAndTheFix() {
        assertThatThrownBy(() -> new OddPolicy.InputRules(null, 1.2, null, null))
                .hasMessage("ODD policy: input.in_domain_acceptance is 1.2; use the share of in-domain inputs to"
                        + " accept, from 0.5 to 1 (1 turns the out-of-domain check off), or leave it out for 0.95");
    }

    @Test
    void create_maxLengthZeroOrVersionZero_isRefusedWithTheLimits() {
        assertThatThrownBy(() -> new OddPolicy.InputRules(0, null, null, null))
                .hasMessage("ODD policy: input.max_length is 0; use a number of characters from 1 to 10000, or leave"
                        + " it out for 10000");
        assertThatThrownBy(() -> new OddPolicy(0, null, null, null))
                .hasMessage("ODD policy: version is 0; versions count from 1");
    }

    @Test
    void json_snakeCase_roundTripsAndFillsWhatIsLeftOut() throws Exception {
        OddPolicy partial = JSON.readValue("""
                {"version": 3, "confidence": {"coverage": 0.9}, "input": {"on_out_of_domain": "fallback"}}""",
                OddPolicy.class);

        assertThat(partial.version()).isEqualTo(3);
        assertThat(partial.confidence().coverage()).isEqualTo(0.9);
        assertThat(partial.confidence().onViolation()).isEqualTo(OddAction.REVIEW);
        assertThat(partial.input().onOutOfDomain()).isEqualTo(OddAction.FALLBACK);
        assertThat(partial.input().maxLength()).isEqualTo(10_000);
        JsonNode written = JSON.readTree(JSON.writeValueAsString(partial));
        assertThat(written.at("/input/in_domain_acceptance").asDouble()).isEqualTo(0.95);
        assertThat(written.at("/output/on_violation").asText()).isEqualTo("fallback");
        assertThat(JSON.readValue(JSON.writeValueAsString(partial), OddPolicy.class)).isEqualTo(partial);
    }

    @Test
    void json_unknownAction_listsTheKnownOnes() {
        assertThatThrownBy(() -> JSON.readValue("{\"confidence\": {\"on_violation\": \"ignore\"}}", OddPolicy.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidRequestException.class)
                .rootCause().hasMessage("ODD action 'ignore' is not known; use one of [abstain, review, fallback]");
    }

    @Test
    void withVersion_keepsTheRules() {
        OddPolicy next = OddPolicy.DEFAULT.withVersion(2);

        assertThat(next.version()).isEqualTo(2);
        assertThat(next.confidence()).isEqualTo(OddPolicy.DEFAULT.confidence());
    }
}
