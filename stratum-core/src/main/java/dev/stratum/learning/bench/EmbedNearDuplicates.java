package dev.stratum.learning.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.specific.LayeredEncoders;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * {@code stratum bench embed --near-duplicates N}: how similar each encoder keeps a text and the same text with a
 * small edit, the measurement behind the hyperlocal model's duplicate threshold (from that similarity on, the nearest
 * stored example answers alone, so that a correction counts at once). N texts are drawn from the file with a fixed
 * seed; each gets four edits: its case changed, its end punctuation removed or added, a greeting put before it, and one
 * word dropped. The report gives, per encoder, the similarity that three quarters of the edited pairs keep or exceed
 * (the 25th percentile), overall and per kind of edit.
 */
public final class EmbedNearDuplicates {
    private static final long SEED = 1;
    private static final Map<String, UnaryOperator<String>> EDITS = edits();

    private EmbedNearDuplicates() {}

    /** The report as JSON; the table goes to {@code out}. */
    public static String run(EmbedConfig config, int count, PrintStream out) {
        LabelledData data = LabelledData.read(config.file(), config.textColumn(), config.labelColumn());
        List<String> pool = new ArrayList<>(new LinkedHashSet<>(data.texts()));
        Collections.shuffle(pool, new Random(SEED));
        List<String> texts = pool.subList(0, Math.min(count, pool.size()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "embed_near_duplicates");
        root.put("file", config.file().toString());
        root.put("texts", texts.size());
        root.put("seed", SEED);
        List<Map<String, Object>> encoders = new ArrayList<>();
        out.printf(Locale.ROOT, "%d texts of %s, each with %s; similarity kept by three quarters of the pairs:%n",
                texts.size(), config.file(), EDITS.keySet());
        for (String name : List.of(LayeredEncoders.GENERAL, LayeredEncoders.SPECIFIC)) {
            EmbeddingModel encoder = LayeredEncoders.byName(name);
            List<float[]> originals = alone(encoder, texts);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("encoder", name);
            row.put("id", encoder.id());
            List<Double> all = new ArrayList<>();
            Map<String, Object> byEdit = new LinkedHashMap<>();
            for (Map.Entry<String, UnaryOperator<String>> edit : EDITS.entrySet()) {
                double[] similarity = new double[texts.size()];
                for (int i = 0; i < texts.size(); i++) {
                    similarity[i] = dot(originals.get(i), encoder.embed(edit.getValue().apply(texts.get(i))));
                    all.add(similarity[i]);
                }
                byEdit.put(edit.getKey(), BenchReport.round(quartile(similarity), 4));
            }
            double overall = quartile(all.stream().mapToDouble(Double::doubleValue).toArray());
            row.put("kept_by_three_quarters", BenchReport.round(overall, 4));
            row.put("by_edit", byEdit);
            encoders.add(row);
            out.printf(Locale.ROOT, "  %-10s %.4f  by edit %s%n", name, overall, byEdit);
        }
        root.put("encoders", encoders);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain maps and numbers always serialises", e);
        }
    }

    /** Each text embedded alone, as the memory stores and looks up texts one at a time. */
    private static List<float[]> alone(EmbeddingModel encoder, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(encoder.embed(text));
        }
        return vectors;
    }

    private static Map<String, UnaryOperator<String>> edits() {
        Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        edits.put("case", t -> t.equals(t.toLowerCase(Locale.ROOT)) ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(
                Locale.ROOT));
        edits.put("end punctuation", t -> t.matches("(?s).*[.?!]$") ? t.replaceAll("[.?!]+$", "") : t + "?");
        edits.put("greeting", t -> "Hi, " + t);
        edits.put("one word dropped", EmbedNearDuplicates::dropWord);
        return edits;
    }

    /** Drops the middle word of texts of three words or more (the first and last carry the most). */
    static String dropWord(String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length < 3) {
            return text;
        }
        List<String> kept = new ArrayList<>(Arrays.asList(words));
        kept.remove(words.length / 2);
        return String.join(" ", kept);
    }

    static double quartile(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(0.25 * (sorted.length - 1))];
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
