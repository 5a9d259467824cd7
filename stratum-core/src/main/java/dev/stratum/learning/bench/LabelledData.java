package dev.stratum.learning.bench;

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

/** The usable rows of one labelled file, in file order, and how many rows were skipped. */
record LabelledData(Path file, List<String> texts, List<String> labels, int skipped) {
    LabelledData {
        texts = List.copyOf(texts);
        labels = List.copyOf(labels);
    }

    static LabelledData read(Path file, String textColumn, String labelColumn) {
        ImportOptions options =
                new ImportOptions(ImportFormat.guess(file.getFileName().toString()), textColumn, labelColumn, false);
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int skipped = 0;
        try (InputStream in = Files.newInputStream(file);
                LabelledFileReader reader = LabelledFileReader.open(in, options)) {
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
            throw new InvalidRequestException("empty_file", file + " has no usable labelled rows (" + skipped
                    + " skipped); it needs a text and a label on each row");
        }
        return new LabelledData(file, texts, labels, skipped);
    }

    int size() {
        return texts.size();
    }

    /** The distinct labels, sorted: the label space of a model trained on this file. */
    List<String> labelSpace() {
        return List.copyOf(new TreeSet<>(labels));
    }

    /**
     * The row indexes of a k-shot sample: for each label in sorted order, its rows shuffled by one generator seeded
     * with {@code seed}, the first {@code perLabel} kept (all of them for a label with fewer). The result is in file
     * order. {@link Integer#MAX_VALUE} keeps every row.
     */
    List<Integer> sample(int perLabel, long seed) {
        List<Integer> chosen = new ArrayList<>();
        if (perLabel == Integer.MAX_VALUE) {
            for (int i = 0; i < size(); i++) {
                chosen.add(i);
            }
            return chosen;
        }
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            chosen.addAll(rows.subList(0, Math.min(perLabel, rows.size())));
        }
        Collections.sort(chosen);
        return chosen;
    }
}
