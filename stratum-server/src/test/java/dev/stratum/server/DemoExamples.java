package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.demo.DemoTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The demo task's labelled examples, read as the tests' held-out splits need them. */
final class DemoExamples {
    /** Every fifth example of each label (in file order) is held out: deterministic and stratified. */
    private static final int HOLD_OUT_EVERY = 5;

    record Row(String text, String label) {}

    private DemoExamples() {}

    static void split(List<Row> rows, List<Row> train, List<Row> heldOut) {
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows) {
            int n = seen.merge(row.label(), 1, Integer::sum);
            (n % HOLD_OUT_EVERY == 0 ? heldOut : train).add(row);
        }
    }

    static List<Row> read() throws IOException {
        String csv;
        try (InputStream in = DemoTask.examplesCsv()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> records = Csv.parse(csv);
        assertThat(records.get(0)).containsExactly("text", "label");
        List<Row> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            rows.add(new Row(record.get(0), record.get(1)));
        }
        assertThat(rows).hasSizeGreaterThan(200);
        return rows;
    }


    /** Just enough RFC 4180 to read the demo file: quoted fields, doubled quotes, commas and newlines in quotes. */
    private static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    record.add(field.toString());
                    field.setLength(0);
                    if (!(record.size() == 1 && record.get(0).isEmpty())) {
                        records.add(record);
                    }
                    record = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                record.add(field.toString());
                records.add(record);
            }
            return records;
        }
    }
}
