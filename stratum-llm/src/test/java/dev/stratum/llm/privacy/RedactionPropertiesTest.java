package dev.stratum.llm.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class RedactionPropertiesTest {
    private static final PiiRedactor REDACTOR = new PiiRedactor(List.of("Maria Oliveira", "Jan Kowalski"));

    @Property(tries = 500)
    void restoring_a_redacted_text_gives_back_the_original(
            @ForAll @StringLength(max = 120) String before, @ForAll @StringLength(max = 120) String after,
            @ForAll long seed) {
        Planted planted = new Planted(seed);
        String text = before + " " + planted.email() + " " + planted.card() + " (Maria Oliveira) " + after;

        Redaction r = REDACTOR.redact(List.of(text), PrivacyMode.REDACT);

        assertThat(r.restore(r.texts().get(0))).isEqualTo(text);
    }

    @Property(tries = 500)
    void no_planted_value_survives_redaction_whatever_surrounds_it(
            @ForAll @StringLength(max = 60) String noise, @ForAll long seed) {
        Planted planted = new Planted(seed);
        List<String> values = List.of(planted.email(), planted.iban(), planted.cnpj(), planted.ssn(), planted.ipv4());
        String text = " " + String.join(" " + noise + " ", values) + " ";

        String sent = REDACTOR.redact(List.of(text), PrivacyMode.REDACT).texts().get(0);

        for (String value : values) {
            assertThat(sent).doesNotContain(value);
        }
    }
}
