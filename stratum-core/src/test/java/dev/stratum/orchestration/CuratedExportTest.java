package dev.stratum.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleExport;
import dev.stratum.api.ExportFormat;
import dev.stratum.api.NotFoundException;
import dev.stratum.demo.DemoTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curated exports on the demo task with deliberately wrong labels added: the suspected label errors are left out
 * unless a person confirmed them, and the fingerprint is that of what was written.
 */
class CuratedExportTest {
    private static final String TASK = DemoTask.TASK_ID;

    @TempDir
    Path dir;

    private StratumEngine engine;
    private final List<Example> wrong = new ArrayList<>();

    @BeforeEach
    void open() {
        engine = StratumEngine.open(new EngineConfig(dir, Clock.systemUTC(), 10, 42L, false));
        DemoTask.load(engine);
        for (String hotel : List.of("Marriott hotel 2 nights", "Hilton Garden Inn one night stay",
                "Holiday Inn Express room", "Airbnb apartment 3 nights for the conference", "Hyatt Regency 4 nights")) {
            wrong.add(engine.addExample(TASK, hotel, "meals/team"));
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void curatedExport_leavesOutSuspectedLabelErrors_unlessAPersonConfirmedThem() throws IOException {
        ExampleExport all = engine.exportExamples(TASK, ExportFormat.JSONL, null, false);
        ExampleExport curated = engine.exportExamples(TASK, ExportFormat.JSONL, null, true);

        assertThat(all.suspectsExcluded()).isZero();
        assertThat(curated.suspectsExcluded()).isPositive().isLessThan(all.count() / 10);
        assertThat(curated.count()).isEqualTo(all.count() - curated.suspectsExcluded());
        String text = write(curated);
        List<Example> leftOut = wrong.stream().filter(e -> !text.contains(e.text())).toList();
        assertThat(leftOut).as("the hotels labelled as team meals").hasSizeGreaterThanOrEqualTo(4);
        assertThat(curated.dataFingerprint()).isNotEqualTo(all.dataFingerprint());

        engine.confirmExample(TASK, leftOut.get(0).id(), "alice");
        ExampleExport again = engine.exportExamples(TASK, ExportFormat.JSONL, null, true);
        assertThat(write(again)).contains(leftOut.get(0).text());
        assertThat(again.suspectsExcluded()).isEqualTo(curated.suspectsExcluded() - 1);
    }

    @Test
    void confirm_anUnknownExample_isNotFound() {
        assertThatThrownBy(() -> engine.confirmExample(TASK, 987_654, "alice"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("task 'expenses' has no example 987654");
    }

    @Test
    void csvExport_hasAHeader_andQuotesFieldsThatNeedIt() throws IOException {
        engine.addExample(TASK, "Dinner, drinks and \"fun\" with the client", "meals/client-entertainment");

        String csv = write(engine.exportExamples(TASK, ExportFormat.CSV, null, false));

        assertThat(csv).startsWith("text,label\r\n")
                .contains("\r\n\"Dinner, drinks and \"\"fun\"\" with the client\",meals/client-entertainment\r\n")
                .contains("\r\nMarriott hotel 2 nights,meals/team\r\n");
    }

    private static String write(ExampleExport export) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
