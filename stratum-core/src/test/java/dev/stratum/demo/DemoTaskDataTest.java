package dev.stratum.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.Label;
import dev.stratum.api.NewTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoTaskDataTest {

    @Test
    void newTask_readsTaxonomy_withDescribedTwoLevelLabels() {
        NewTask task = DemoTask.newTask();

        assertThat(task.id()).isEqualTo(DemoTask.TASK_ID);
        assertThat(task.name()).isEqualTo("Expense categories");
        assertThat(task.labels()).hasSizeBetween(15, 20);
        assertThat(task.labels()).allSatisfy(label -> {
            assertThat(label.name()).matches("[a-z-]+/[a-z-]+");
            assertThat(label.description()).isNotBlank().endsWith(".");
        });
    }

    @Test
    void examplesCsv_usesOnlyTaxonomyLabels_roughlyBalanced() throws IOException {
        Set<String> labels = new HashSet<>(DemoTask.newTask().labels().stream().map(Label::name).toList());
        List<String[]> rows = readRows();

        Map<String, Integer> perLabel = new TreeMap<>();
        for (String[] row : rows) {
            perLabel.merge(row[1], 1, Integer::sum);
        }
        assertThat(rows).hasSizeBetween(400, 600);
        assertThat(perLabel.keySet()).isEqualTo(new java.util.TreeSet<>(labels));
        assertThat(perLabel.values()).allSatisfy(n -> assertThat(n).isBetween(20, 35));
    }

    @Test
    void examplesCsv_hasNoDuplicateOrBlankTexts() throws IOException {
        Set<String> seen = new HashSet<>();
        for (String[] row : readRows()) {
            assertThat(row[0]).isNotBlank();
            assertThat(seen.add(row[0].toLowerCase(java.util.Locale.ROOT))).as("duplicate text: %s", row[0]).isTrue();
        }
    }

    /** A small reader for this file's known shape: one record per line, optional quotes, no embedded line breaks. */
    private static List<String[]> readRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = DemoTask.examplesCsv();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("text,label");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comma = line.lastIndexOf(',');
                String text = line.substring(0, comma);
                if (text.startsWith("\"")) {
                    text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
                }
                rows.add(new String[] {text, line.substring(comma + 1)});
            }
        }
        return rows;
    }
}
