package dev.stratum.learning.active.bench;

import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.learning.data.LabelledFileReader;
import dev.stratum.learning.data.LabelledRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The usable rows of a labelled file, in file order, each with its text's embedding.
 *
 * @param vectors the embedding of each row's text, unit length
 * @param skipped rows without a text or a label
 */
public record LabelledVectors(List<String> texts, List<String> labels, List<float[]> vectors, int skipped) {
    private static final int EMBED_BATCH = 256;

    public LabelledVectors {
        texts = List.copyOf(texts);
        labels = List.copyOf(labels);
        vectors = Collections.unmodifiableList(new ArrayList<>(vectors));
        if (texts.size() != labels.size() || texts.size() != vectors.size()) {
            throw new IllegalArgumentException(texts.size() + " texts, " + labels.size() + " labels and "
                    + vectors.size() + " vectors; give one of each per row");
        }
    }

    /**
     * Reads the labelled {@code files} (CSV with a header, or JSON lines) and embeds each distinct text once, in
     * batches. The result has one entry per file, in order.
     */
    public static List<LabelledVectors> readAll(List<Path> files, String textColumn, String labelColumn,
            EmbeddingModel encoder, PrintStream progress) {
        List<LabelledVectors> unembedded = new ArrayList<>();
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (Path file : files) {
            LabelledVectors rows = read(file, textColumn, labelColumn);
            unembedded.add(rows);
            distinct.addAll(rows.texts());
        }
        List<String> texts = List.copyOf(distinct);
        Map<String, float[]> embedded = new HashMap<>(texts.size() * 2);
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
            List<float[]> vectors = encoder.embedAll(part);
            for (int i = 0; i < part.size(); i++) {
                embedded.put(part.get(i), vectors.get(i));
            }
        }
        progress.printf("embedded %d distinct texts with %s in %.1f s%n", texts.size(), encoder.id(),
                (System.nanoTime() - start) / 1e9);
        return unembedded.stream().map(rows -> new LabelledVectors(rows.texts(), rows.labels(),
                rows.texts().stream().map(embedded::get).toList(), rows.skipped())).toList();
    }

    /** The rows of one file without their vectors: every vector is null. */
    private static LabelledVectors read(Path file, String textColumn, String labelColumn) {
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
        return new LabelledVectors(texts, labels, Arrays.asList(new float[texts.size()][]), skipped);
    }

    public int size() {
        return texts.size();
    }

    /** The distinct labels, sorted. */
    public List<String> labelSpace() {
        return List.copyOf(new TreeSet<>(labels));
    }

    /** The rows at {@code indexes}, in that order. */
    public LabelledVectors subset(List<Integer> indexes) {
        return new LabelledVectors(indexes.stream().map(texts::get).toList(),
                indexes.stream().map(labels::get).toList(), indexes.stream().map(vectors::get).toList(), 0);
    }

    /**
     * Row indexes per label: for each label in sorted order, its rows shuffled by one generator seeded with
     * {@code seed}, the first {@code perLabel} kept (all of them for a label with fewer). In file order.
     */
    public List<Integer> samplePerLabel(int perLabel, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            chosen.addAll(rows.subList(0, Math.min(perLabel, rows.size())));
        }
        Collections.sort(chosen);
        return chosen;
    }

    /**
     * Splits the rows in two, stratified by label: {@code round(share * rows)} of each label's rows, drawn with
     * {@code seed}, form the second part. Both keep file order.
     */
    public LabelledVectors[] split(double share, long seed) {
        List<Integer> held = new ArrayList<>();
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        for (List<Integer> rows : byLabel.values()) {
            Collections.shuffle(rows, random);
            held.addAll(rows.subList(0, (int) Math.round(share * rows.size())));
        }
        boolean[] isHeld = new boolean[size()];
        held.forEach(i -> isHeld[i] = true);
        List<Integer> kept = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            (isHeld[i] ? out : kept).add(i);
        }
        return new LabelledVectors[] {subset(kept), subset(out)};
    }
}
