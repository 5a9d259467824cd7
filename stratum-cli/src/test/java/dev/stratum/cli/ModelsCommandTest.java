package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.demo.DemoTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratum models}: list, show, roll back and export, on a real engine over a temp data directory. */
class ModelsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void rollback_toAnEarlierVersion_makesItCurrentAndRecordsIt_andExportWritesItsTrainingExamples()
            throws IOException {
        Path taxonomy = tmp.resolve("taxonomy.json");
        Path examples = tmp.resolve("examples.csv");
        try (InputStream in = DemoTask.taxonomyJson()) {
            Files.copy(in, taxonomy);
        }
        try (InputStream in = DemoTask.examplesCsv()) {
            Files.copy(in, examples);
        }
        assertThat(cli("tasks", "create", "expenses", "--taxonomy", taxonomy.toString()).exitCode()).isZero();
        assertThat(cli("import", "--task", "expenses", examples.toString()).exitCode()).isZero();
        assertThat(cli("train", "--task", "expenses").exitCode()).isZero();
        assertThat(cli("train", "--task", "expenses").exitCode()).isZero();

        CliRun list = cli("models", "--task", "expenses");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("expenses-v2\tproduction").contains("expenses-v1\tretired");

        CliRun rollback = cli("models", "rollback", "--task", "expenses", "--to", "expenses-v1", "--reason", "test");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).startsWith("expenses-v1  production").contains("retired -> production  by cli: ")
                .contains(": test");
        assertThat(cli("tasks").out()).contains("expenses-v1");

        CliRun show = cli("models", "show", "--task", "expenses", "--version", "expenses-v2");
        assertThat(show.out()).contains("gate passed").contains("production -> retired");

        Path out = tmp.resolve("v1.jsonl");
        CliRun export = cli("models", "export", "--task", "expenses", "--version", "expenses-v1", "--format",
                "openai_chat", "-o", out.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(export.out()).startsWith("wrote " + lines.size() + " examples");
        assertThat(lines.get(0)).startsWith("{\"messages\":[{\"role\":\"system\"");
    }

    @Test
    void rollback_toACandidateThatNeverServed_isRefused_exits1() throws IOException {
        assertThat(cli("tasks", "create", "t", "--labels", "a,b").exitCode()).isZero();
        CliRun run = cli("models", "rollback", "--task", "t", "--to", "t-v9");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("t-v9");
    }

    @Test
    void register_withAKeyVariableThatIsNotSet_isRefusedWithTheFix_exits1() {
        assertThat(cli("tasks", "create", "t", "--labels", "a,b").exitCode()).isZero();
        CliRun run = cli("models", "register", "--task", "t", "--base-url", "http://127.0.0.1:9/v1", "--model",
                "ft:t", "--api-key-env", "STRATUM_TEST_NO_SUCH_KEY");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("STRATUM_TEST_NO_SUCH_KEY is not set on this server");
    }

    @Test
    void export_curatedCsv_saysHowManySuspectsItLeftOut() throws IOException {
        Path examples = tmp.resolve("examples.csv");
        try (InputStream in = DemoTask.examplesCsv()) {
            Files.copy(in, examples);
        }
        Path taxonomy = tmp.resolve("taxonomy.json");
        try (InputStream in = DemoTask.taxonomyJson()) {
            Files.copy(in, taxonomy);
        }
        assertThat(cli("tasks", "create", "expenses", "--taxonomy", taxonomy.toString()).exitCode()).isZero();
        assertThat(cli("import", "--task", "expenses", examples.toString()).exitCode()).isZero();

        Path out = tmp.resolve("curated.csv");
        CliRun export = cli("models", "export", "--task", "expenses", "--format", "csv", "--curated", "-o",
                out.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("text,label");
        assertThat(export.out()).startsWith("wrote " + (lines.size() - 1) + " examples")
                .containsPattern("left out \\d+ suspected label errors no person confirmed");
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", tmp.resolve("data").toString()));
        return CliRun.of(all.toArray(String[]::new));
    }
}
