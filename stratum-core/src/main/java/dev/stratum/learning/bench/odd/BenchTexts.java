package dev.stratum.learning.bench.odd;

import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.learning.data.LabelledFileReader;
import dev.stratum.learning.data.LabelledRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/** The usable rows of one data file, in file order; labels are null in a text-only file. */
record BenchTexts(Path file, List<String> texts, List<String> labels, int skipped) {
    BenchTexts {
        texts = List.copyOf(texts);
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** Reads a file whose rows need a text and a label. */
    static BenchTexts labelled(Path file, String textColumn, String labelColumn) {
        return read(file, textColumn, labelColumn, true);
    }

    /** Reads a file whose rows need only a text; a label column, if any, is ignored. */
    static BenchTexts textsOnly(Path file, String textColumn) {
        return read(file, textColumn, null, false);
    }

    int size() {
        return texts.size();
    }

    /**
     * Splits the rows in two, stratified by label: for each label in sorted order, its rows shuffled by one generator
     * seeded with {@code seed}, the first {@code round(share * rows)} go to the second part. Both keep file order.
     */
    BenchTexts[] split(double share, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        boolean[] held = new boolean[size()];
        Random random = new Random(seed);
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            for (int k = 0; k < Math.round(share * rows.size()); k++) {
                held[rows.get(k)] = true;
            }
        }
        List<String> keptTexts = new ArrayList<>();
        List<String> keptLabels = new ArrayList<>();
        List<String> heldTexts = new ArrayList<>();
        List<String> heldLabels = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            (held[i] ? heldTexts : keptTexts).add(texts.get(i));
            (held[i] ? heldLabels : keptLabels).add(labels.get(i));
        }
        return new BenchTexts[] {new BenchTexts(file, keptTexts, keptLabels, 0),
            new BenchTexts(file, heldTexts, heldLabels, 0)};
    }

    /** The distinct labels, sorted. */
    List<String> labelSpace() {
        return List.copyOf(new TreeSet<>(labels));
    }

    private static BenchTexts read(Path file, String textColumn, String labelColumn, boolean labelled) {
        ImportOptions options =
                new ImportOptions(ImportFormat.guess(file.getFileName().toString()), textColumn, labelColumn, false);
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int skipped = 0;
        try (InputStream in = Files.newInputStream(file);
                LabelledFileReader reader = labelled
                        ? LabelledFileReader.open(in, options)
                        : LabelledFileReader.openTexts(in, options)) {
            while (reader.hasNext()) {
                LabelledRow row = reader.next();
                if (row.ok()) {
                    texts.add(row.text());
                    labels.add(row.label());
                } else {
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw new InvalidRequestException("unreadable_file", "could not read " + file + ": " + e.getMessage(), e);
        }
        if (texts.isEmpty()) {
            throw new InvalidRequestException("empty_file", file + " has no usable rows (" + skipped + " skipped); it"
                    + (labelled ? " needs a text and a label on each row" : " needs a text on each row"));
        }
        return new BenchTexts(file, texts, labelled ? labels : null, skipped);
    }
}
