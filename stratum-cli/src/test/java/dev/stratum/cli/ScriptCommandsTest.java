package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.demo.DemoTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-directory commands, run in this JVM against a real engine (store, index, ONNX encoder) on a temp dir. */
class ScriptCommandsTest {
    private static final int TRAIN_PER_LABEL = 8;

    @TempDir
    static Path tmp;

    static Path data;
    static Path trainCsv;
    static Path testCsv;

    @BeforeAll
    static void createDemoTaskAndSplitItsExamples() throws IOException {
        data = tmp.resolve("data");
        Path taxonomy = tmp.resolve("taxonomy.json");
        try (InputStream in = DemoTask.taxonomyJson()) {
            Files.copy(in, taxonomy);
        }
        CliRun created = cli("tasks", "create", "expenses", "--taxonomy", taxonomy.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("created task 'expenses' with 20 labels%n".formatted());
        List<String> train = new ArrayList<>(List.of("text,label"));
        List<String> test = new ArrayList<>(List.of("text,label"));
        Map<String, Integer> seen = new HashMap<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(DemoTask.examplesCsv(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String label = line.substring(line.lastIndexOf(',') + 1);
                (seen.merge(label, 1, Integer::sum) <= TRAIN_PER_LABEL ? train : test).add(line);
            }
        }
        trainCsv = Files.write(tmp.resolve("train.csv"), train);
        testCsv = Files.write(tmp.resolve("test.csv"), test.subList(0, 101));
    }

    @Test
    void importTrainPredictEval_onDemoData_workEndToEnd() {
        CliRun imported = cli("import", "--task", "expenses", trainCsv.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 160 examples into task 'expenses', skipped 0");

        CliRun trained = cli("train", "--task", "expenses");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).startsWith("trained expenses-v").contains("; it is production");

        CliRun predicted = cli("predict", "--task", "expenses", "ZIPRIDE *TRIP 2291 BOSTON MA", "Toner for printer");
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        List<String> lines = predicted.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split("\t")).hasSize(5).startsWith("travel/ground-transport");
        assertThat(lines.get(1).split("\t")[4]).isEqualTo("Toner for printer");

        CliRun onFile = cli("eval", "--task", "expenses", testCsv.toString());
        assertThat(onFile.exitCode()).as(onFile.err()).isZero();
        assertThat(onFile.out()).contains("100 items").contains("accuracy").contains("precision")
                .contains("travel/airfare");

        CliRun holdout = cli("eval", "--task", "expenses", "--holdout", "0.25");
        assertThat(holdout.exitCode()).as(holdout.err()).isZero();
        assertThat(holdout.out()).contains("accuracy").contains("macro F1");

        CliRun tasks = cli("tasks");
        assertThat(tasks.exitCode()).as(tasks.err()).isZero();
        assertThat(tasks.out().lines()).contains("expenses\t20\t160\t" + trained.out().split("[ \n]")[1]
                + "\tExpense categories");
    }

    @Test
    void tasksCreate_existingId_saysSo_exits1() {
        CliRun run = cli("tasks", "create", "expenses", "--labels", "a,b");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.err()).startsWith("error: task 'expenses' already exists");
    }

    @Test
    void predict_unknownTask_printsOneLineError_exits1() {
        CliRun run = cli("predict", "--task", "no-such-task", "hello");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
                .asString().contains("no-such-task");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void predict_unknownTaskVerbose_printsStackTrace_exits1() {
        CliRun run = cli("predict", "--task", "no-such-task", "--verbose", "hello");

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.err()).contains("\tat dev.stratum.");
    }

    @Test
    void import_missingFile_namesIt_exits1() {
        CliRun run = cli("import", "--task", "expenses", tmp.resolve("nope.csv").toString());

        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(run.err()).startsWith("error: file not found: ").contains("nope.csv");
    }

    private static CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }
}
