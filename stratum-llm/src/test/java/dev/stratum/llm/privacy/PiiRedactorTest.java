package dev.stratum.llm.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
    private final Planted planted = new Planted(42);
    private final PiiRedactor redactor = new PiiRedactor(List.of("Maria Oliveira"));

    @Test
    void should_give_the_same_value_the_same_placeholder_across_the_texts_of_a_request() {
        String email = planted.email();
        String otherEmail = planted.email();
        String card = planted.card();

        Redaction r = redactor.redact(List.of(
                "From " + email + " about card " + card,
                "Reply to " + otherEmail + " and cc " + email,
                "Maria Oliveira asked"), PrivacyMode.REDACT);

        assertThat(r.texts()).containsExactly(
                "From [EMAIL_1] about card [CARD_1]",
                "Reply to [EMAIL_2] and cc [EMAIL_1]",
                "[NAME_1] asked");
        assertThat(r.found()).containsExactly(
                Map.entry(PiiKind.EMAIL, 2), Map.entry(PiiKind.PAYMENT_CARD, 1), Map.entry(PiiKind.PERSON_NAME, 1));
        assertThat(r.summary()).isEqualTo("2 e-mail addresses, 1 payment card number and 1 person name from the list");
        assertThat(r.toString()).doesNotContain(email).doesNotContain(card);
    }

    @Test
    void should_restore_the_values_in_an_answer_including_inside_json_strings() throws Exception {
        String iban = planted.iban();
        String phone = planted.phone();
        Redaction r = redactor.redact(List.of("Pay " + iban + ", questions to " + phone), PrivacyMode.REDACT);

        String answer = "{\"account\": \"[IBAN_1]\", \"contacts\": [\"[PHONE_1]\", \"[PHONE_9]\"],"
                + " \"note\": \"send to [IBAN_1] today\"}";
        JsonNode restored = new ObjectMapper().readTree(r.restore(answer));

        assertThat(restored.get("account").asText()).isEqualTo(iban);
        assertThat(restored.get("contacts").get(0).asText()).isEqualTo(phone);
        assertThat(restored.get("contacts").get(1).asText()).as("a placeholder of no value stays").isEqualTo("[PHONE_9]");
        assertThat(restored.get("note").asText()).isEqualTo("send to " + iban + " today");
    }

    @Test
    void should_number_around_placeholders_the_text_already_contains_so_restoring_is_exact() {
        String email = planted.email();
        String text = "Template says [EMAIL_1]; the real one is " + email;

        Redaction r = redactor.redact(List.of(text), PrivacyMode.REDACT);

        assertThat(r.texts()).containsExactly("Template says [EMAIL_1]; the real one is [EMAIL_2]");
        assertThat(r.restore(r.texts().get(0))).isEqualTo(text);
    }

    @Test
    void should_replace_a_found_value_also_where_it_is_glued_to_other_characters() {
        String card = planted.cardDigits();

        Redaction r = redactor.redact(List.of("card " + card, "echo: " + card + "0"), PrivacyMode.REDACT);

        assertThat(r.texts()).containsExactly("card [CARD_1]", "echo: [CARD_1]0");
    }

    @Test
    void should_block_a_text_with_identifiers_naming_their_kinds_and_never_their_values() {
        String email = planted.email();
        String cpf = planted.cpf();
        String other = planted.cpf();

        assertThatThrownBy(() -> redactor.redact(
                        List.of("system text", "CPF " + cpf + " and " + other + ", mail " + email), PrivacyMode.BLOCK))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.code()).isEqualTo(PiiRedactor.BLOCKED);
                    assertThat(e.getMessage())
                            .isEqualTo("nothing was sent to the LLM provider: the text holds 1 e-mail address and 2"
                                    + " CPF numbers, and this task's privacy mode is block; remove them from the"
                                    + " text, or set the task's privacy mode to redact to send placeholders in their"
                                    + " place")
                            .doesNotContain(email).doesNotContain(cpf).doesNotContain(other);
                });
    }

    @Test
    void should_pass_clean_texts_in_block_mode_and_any_text_in_allow_mode() {
        List<String> clean = List.of("Taxi to the airport, 32.50 EUR on 2024-03-01");
        assertThat(redactor.redact(clean, PrivacyMode.BLOCK).texts()).isEqualTo(clean);

        List<String> personal = List.of("Maria Oliveira, " + planted.email());
        Redaction allowed = redactor.redact(personal, PrivacyMode.ALLOW);
        assertThat(allowed.texts()).isEqualTo(personal);
        assertThat(allowed.found()).isEmpty();
    }

    @Test
    void should_refuse_a_name_list_entry_it_could_not_restore_safely_without_echoing_it() {
        assertThatThrownBy(() -> new PrivacySettings(PrivacyMode.REDACT, List.of("Ana", "Bob \"the\" Builder")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("person name number 2 of the privacy list is not usable")
                .hasMessageNotContaining("Builder");
    }
}
