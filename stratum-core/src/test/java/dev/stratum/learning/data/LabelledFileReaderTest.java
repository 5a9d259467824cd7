package dev.stratum.learning.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledFileReaderTest {

    private static List<LabelledRow> read(String content, ImportOptions options) {
        List<LabelledRow> rows = new ArrayList<>();
        try (LabelledFileReader reader = LabelledFileReader.open(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), options)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void csv_quotedFieldsWithCommasQuotesAndNewlines_areParsed() {
        String csv = "\uFEFFid,text,category\r\n1,\"Taxi, airport\",travel\r\n2,\"He said \"\"hi\"\"\nthen left\",meals\n\n3,plain,office\n";
        List<LabelledRow> rows = read(csv, ImportOptions.of(ImportFormat.CSV));
        assertThat(rows).extracting(LabelledRow::text)
                .containsExactly("Taxi, airport", "He said \"hi\"\nthen left", "plain");
        assertThat(rows).extracting(LabelledRow::label).containsExactly("travel", "meals", "office");
        assertThat(rows).extracting(LabelledRow::line).containsExactly(2L, 3L, 6L);
    }

    @Test
    void csv_labelColumn_prefersLabelThenCategoryThenIntent() {
        List<LabelledRow> rows = read("intent,text,label\na,hello,b\n", ImportOptions.of(ImportFormat.CSV));
        assertThat(rows.get(0).label()).isEqualTo("b");
    }

    @Test
    void csv_badRows_areReportedWithTheirLineNotThrown() {
        List<LabelledRow> rows = read("text,label\n,travel\nonly-text\nok,meals\n", ImportOptions.of(ImportFormat.CSV));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).error()).contains("empty text");
        assertThat(rows.get(1).error()).contains("field");
        assertThat(rows.get(2).ok()).isTrue();
    }

    @Test
    void csv_withoutTextColumn_failsNamingTheHeader() {
        assertThatThrownBy(() -> read("body,label\nx,y\n", ImportOptions.of(ImportFormat.CSV)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("[body, label]")
                .hasMessageContaining("text_col");
    }

    @Test
    void csv_customColumns_areUsed() {
        List<LabelledRow> rows = read("desc,cat\nlunch,meals\n", new ImportOptions(ImportFormat.CSV, "desc", "cat", false));
        assertThat(rows.get(0).text()).isEqualTo("lunch");
        assertThat(rows.get(0).label()).isEqualTo("meals");
    }

    @Test
    void jsonl_rowsAndErrors() {
        String jsonl = "{\"text\":\"taxi\",\"label\":\"travel\"}\n\nnot json\n[1]\n{\"text\":\"x\",\"intent\":\"y\"}\n";
        List<LabelledRow> rows = read(jsonl, ImportOptions.of(ImportFormat.JSONL));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).isEqualTo(new LabelledRow(1, "taxi", "travel", null));
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).error()).contains("not valid JSON");
        assertThat(rows.get(2).error()).contains("not a JSON object");
        assertThat(rows.get(3).label()).isEqualTo("y");
    }

    @Test
    void unclosedQuote_failsWithTheLine() {
        assertThatThrownBy(() -> read("text,label\n\"open,x\n", ImportOptions.of(ImportFormat.CSV)))
                .hasMessageContaining("line 2");
    }
}
