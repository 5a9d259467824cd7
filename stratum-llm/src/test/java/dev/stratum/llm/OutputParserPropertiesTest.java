package dev.stratum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class OutputParserPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OutputParser PARSER = new OutputParser(OutputSpec.schema("""
            {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}"""));

    @Property(tries = 300)
    void any_text_gives_a_result_and_never_throws(@ForAll @StringLength(max = 200) String answer) {
        OutputParser.Result result = PARSER.parse(answer);

        assertThat(result).isNotNull();
        if (result instanceof OutputParser.Result.Invalid invalid) {
            assertThat(invalid.error()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void a_valid_object_parses_to_itself_plain_or_fenced(
            @ForAll String label, @ForAll Map<@StringLength(min = 1, max = 10) String, Integer> extra) {
        ObjectNode value = JSON.createObjectNode();
        extra.forEach(value::put);
        value.put("label", label);
        String text = value.toString();

        for (String answer : new String[] {text, "```json\n" + text + "\n```", "\n```\n" + text + "```\n"}) {
            assertThat(PARSER.parse(answer)).isEqualTo(new OutputParser.Result.Valid(value));
        }
    }
}
