package dev.stratum.learning.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneBenchTest {
    private static final String[][] TRAIN = {
        {"taxi to the airport", "travel"}, {"train ticket to Lyon", "travel"}, {"hotel room for two nights", "travel"},
        {"flight to Berlin", "travel"}, {"uber from the station", "travel"}, {"car rental for the trip", "travel"},
        {"team lunch", "meals"}, {"dinner with a client", "meals"}, {"coffee and croissants", "meals"},
        {"pizza for the office", "meals"}, {"sandwiches at the airport café", "meals"}, {"restaurant bill", "meals"},
        {"GitHub subscription", "software"}, {"annual IDE licence", "software"}, {"cloud hosting invoice", "software"},
        {"Slack monthly plan", "software"}, {"antivirus renewal", "software"}, {"design tool seats", "software"},
    };

    @TempDir
    static Path dir;
    static Path train;
    static TuneConfig config;
    static TuneReport report;

    @BeforeAll
    static void tuneOnSmallFile() throws IOException {
        train = dir.resolve("train.csv");
        StringBuilder csv = new StringBuilder("text,label\n");
        for (String[] row : TRAIN) {
            csv.append(row[0]).append(',').append(row[1]).append('\n');
        }
        Files.writeString(train, csv);
        config = new TuneConfig(train, List.of("2", "all"), 2, 3, null, null, List.of("general"),
                List.of(1e-5, 1e-3), List.of(1, 3), List.of(0.05), List.of(0.0, 0.5, 1.0));
        report = TuneBench.run(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void run_scoresEveryCombinationOfTheGrid_bestFirst() {
        assertThat(report.results()).hasSize(2 * 2 * 3);
        assertThat(report.results()).isSortedAccordingTo(
                (a, b) -> Double.compare(b.mean(), a.mean()));
        assertThat(report.best().accuracyBySetting()).containsOnlyKeys("2", "all");
        assertThat(report.best().mean()).isBetween(0.0, 1.0);
        assertThat(report.bestPerEncoder()).hasSize(1);
    }

    @Test
    void splits_validationRowsAreNeverTrainedOn() {
        LabelledData data = LabelledData.read(train, null, null);

        List<TuneBench.Split> splits = TuneBench.splits(data, config);

        assertThat(splits).hasSize(2 + 3);
        for (TuneBench.Split split : splits) {
            Set<Integer> fit = new HashSet<>(split.fit());
            assertThat(split.validation()).as(split.shots() + " seed " + split.seed()).isNotEmpty()
                    .noneMatch(fit::contains);
        }
        // The folds of "all" cover every row exactly once as validation.
        List<Integer> validated = splits.stream().filter(s -> s.shots().equals("all"))
                .flatMap(s -> s.validation().stream()).sorted().toList();
        assertThat(validated).hasSize(TRAIN.length).doesNotHaveDuplicates();
    }

    @Test
    void toJson_namesTheWinnerAndItsScoresPerSetting() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());

        assertThat(json.at("/benchmark").asText()).isEqualTo("tune");
        assertThat(json.at("/best/encoder").asText()).isEqualTo("general");
        assertThat(json.at("/best/accuracy_by_shots/all").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.at("/results")).hasSize(12);
    }

    @Test
    void config_unknownEncoder_listsTheKnownOnes() {
        assertThatThrownBy(() -> new TuneConfig(train, List.of("all"), 1, 2, null, null, List.of("gpt"),
                List.of(1e-5), List.of(5), List.of(0.05), List.of(0.5)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("encoder 'gpt' is not known; use general, specific, general+specific");
    }
}
