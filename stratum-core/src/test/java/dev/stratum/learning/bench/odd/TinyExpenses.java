package dev.stratum.learning.bench.odd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A tiny expense-classification data set written for the bench tests, with unrelated texts as out of domain. */
public final class TinyExpenses {
    private static final String[][] TRAIN = {
        {"taxi to the airport", "travel"}, {"train ticket to Lyon", "travel"}, {"hotel room for two nights", "travel"},
        {"flight to Berlin", "travel"}, {"uber from the station", "travel"}, {"car rental for the trip", "travel"},
        {"metro card top-up", "travel"}, {"airport parking fee", "travel"}, {"bus ticket to the conference", "travel"},
        {"team lunch", "meals"}, {"dinner with a client", "meals"}, {"coffee and croissants", "meals"},
        {"pizza for the office", "meals"}, {"sandwiches at the airport cafe", "meals"}, {"restaurant bill", "meals"},
        {"breakfast meeting", "meals"}, {"sushi takeaway for the team", "meals"},
        {"catering for the workshop", "meals"},
        {"GitHub subscription", "software"}, {"annual IDE licence", "software"}, {"cloud hosting invoice", "software"},
        {"Slack monthly plan", "software"}, {"antivirus renewal", "software"}, {"design tool seats", "software"},
        {"password manager licence", "software"}, {"database hosting", "software"}, {"video call subscription",
            "software"},
        {"printer paper", "office"}, {"box of pens", "office"}, {"stapler and staples", "office"},
        {"desk lamp", "office"}, {"whiteboard markers", "office"}, {"notebooks for the team", "office"},
        {"printer toner cartridge", "office"}, {"sticky notes", "office"}, {"filing folders", "office"},
    };
    private static final String[][] TEST = {
        {"cab ride to the hotel", "travel"}, {"plane ticket to Madrid", "travel"}, {"tram fare", "travel"},
        {"lunch at the Italian place", "meals"}, {"snacks and fresh fruit", "meals"}, {"team dinner", "meals"},
        {"Jira licence", "software"}, {"AWS bill for March", "software"}, {"code editor subscription", "software"},
        {"ink for the printer", "office"}, {"envelopes", "office"}, {"office chair cushion", "office"},
    };
    private static final String[] OUT_OF_DOMAIN = {
        "how long should I boil an egg", "what is the capital of Peru", "will it rain tomorrow",
        "recipe for banana bread", "who won the football match", "how do I tune a guitar",
    };

    private TinyExpenses() {}

    public static Path train(Path dir) throws IOException {
        return write(dir.resolve("train.csv"), TRAIN);
    }

    public static Path test(Path dir) throws IOException {
        return write(dir.resolve("test.csv"), TEST);
    }

    /** The out-of-domain texts, as a CSV with only a text column. */
    public static Path outOfDomain(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of("text"));
        for (String text : OUT_OF_DOMAIN) {
            lines.add(text);
        }
        return Files.write(dir.resolve("ood.csv"), lines);
    }

    private static Path write(Path file, String[][] rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("text,label"));
        for (String[] row : rows) {
            lines.add(row[0] + "," + row[1]);
        }
        return Files.write(file, lines);
    }
}
