package dev.stratum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    @Test
    void should_fill_placeholders_once_so_values_are_taken_literally() {
        List<ChatTurn> turns = PromptTemplate.GENERATE.render(
                "Say {{output_format}} and $1 \\ literally", OutputSpec.ANY_JSON, List.of(), "input {{instructions}}");

        assertThat(turns.get(0).text()).startsWith("Say {{output_format}} and $1 \\ literally\n\nAnswer with a JSON value.");
        assertThat(turns.get(1)).isEqualTo(ChatTurn.user("input {{instructions}}"));
    }

    @Test
    void should_identify_itself_by_name_and_version() {
        assertThat(PromptTemplate.GENERATE.id()).isEqualTo("generate/v1");
        assertThat(new PromptTemplate("invoices", 3, "{{instructions}}", "{{error}}", "again").id())
                .isEqualTo("invoices/v3");
    }

    @Test
    void should_reject_a_template_that_cannot_work() {
        assertThatThrownBy(() -> new PromptTemplate("t", 1, "{{instruction}}", "{{error}}", "again"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("prompt template 't': the system uses the placeholder {{instruction}}, which is not known"
                        + " there; it may use [instructions, output_format]");
        assertThatThrownBy(() -> new PromptTemplate("t", 1, "x", "Wrong, try again.", "again"))
                .hasMessageContaining("the correction must contain {{error}}");
        assertThatThrownBy(() -> new PromptTemplate("t", 0, "x", "{{error}}", "again"))
                .hasMessageContaining("versions count from 1");
    }
}
