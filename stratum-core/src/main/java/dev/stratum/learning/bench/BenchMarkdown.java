package dev.stratum.learning.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the JSON written by {@code bench classify}, {@code bench tune} and {@code bench embed} as the Markdown
 * tables of docs/benchmarks.md, so that the numbers there are copied by a program, not by hand.
 */
public final class BenchMarkdown {
    private BenchMarkdown() {}

    /** One row per classify report: accuracy (mean ± sd over seeds) per setting of shots. */
    public static String classify(List<Path> reports) {
        List<JsonNode> nodes = reports.stream().map(BenchMarkdown::read).toList();
        List<String> shots = new ArrayList<>();
        nodes.forEach(n -> n.at("/settings").forEach(s -> {
            if (!shots.contains(s.at("/shots").asText())) {
                shots.add(s.at("/shots").asText());
            }
        }));
        StringBuilder md = new StringBuilder("| encoder | part |");
        shots.forEach(s -> md.append(' ').append(s).append(s.equals("all") ? " |" : "-shot |"));
        md.append("\n|---|---|").append("---:|".repeat(shots.size())).append('\n');
        for (JsonNode n : nodes) {
            for (String part : List.of("blend", "head alone", "memory alone")) {
                md.append("| ").append(n.at("/encoder").asText()).append(" | ").append(part).append(" |");
                for (String s : shots) {
                    JsonNode setting = setting(n, s);
                    md.append(' ').append(setting == null ? "" : cell(setting, part)).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** Training and indexing seconds and predict latency of each classify report. */
    public static String timings(List<Path> reports) {
        StringBuilder md = new StringBuilder(
                "| encoder | shots | examples | train s | index s |\n|---|---|---:|---:|---:|\n");
        StringBuilder latency = new StringBuilder(
                "\n| encoder | predict p50 ms | p99 ms | embed p50 ms | hyperlocal p50 ms | zero-shot accuracy |\n"
                        + "|---|---:|---:|---:|---:|---:|\n");
        for (Path p : reports) {
            JsonNode n = read(p);
            String encoder = n.at("/encoder").asText();
            n.at("/settings").forEach(s -> md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f |%n",
                    encoder, s.at("/shots").asText(), s.at("/train_size_mean").asDouble(),
                    s.at("/train_seconds_mean").asDouble(), s.at("/index_seconds_mean").asDouble())));
            JsonNode l = n.at("/predict_latency_ms");
            latency.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.3f | %.4f |%n", encoder,
                    l.at("/p50").asDouble(), l.at("/p99").asDouble(), l.at("/embed_p50").asDouble(),
                    l.at("/hyperlocal_p50").asDouble(), n.at("/zero_shot_accuracy").asDouble()));
        }
        return md.append(latency).toString();
    }

    /** The best combination per encoder of a tune report. */
    public static String tune(Path report) {
        JsonNode n = read(report);
        StringBuilder md = new StringBuilder("| encoder | l2 | k | vote temperature | head weight | mean |");
        List<String> shots = new ArrayList<>();
        n.at("/shots").forEach(s -> shots.add(s.asText()));
        shots.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|---:|---:|---:|---:|---:|").append("---:|".repeat(shots.size())).append('\n');
        for (JsonNode r : n.at("/best_per_encoder")) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.4f |", r.at("/encoder").asText(),
                    r.at("/l2").asText(), r.at("/k").asInt(), r.at("/vote_temperature").asText(),
                    r.at("/head_weight").asText(), r.at("/mean_accuracy").asDouble()));
            shots.forEach(s -> md.append(String.format(Locale.ROOT, " %.4f |",
                    r.at("/accuracy_by_shots/" + s).asDouble())));
            md.append('\n');
        }
        return md.toString();
    }

    /** Throughput of an embed report. */
    public static String embed(Path report) {
        JsonNode n = read(report);
        StringBuilder md = new StringBuilder("| encoder | texts/s (median of rounds) | per round |\n|---|---:|---|\n");
        md.append(String.format(Locale.ROOT,
                "| LangChain4j AllMiniLmL6V2QuantizedEmbeddingModel.embedAll | %.0f | %s |%n",
                median(n.at("/langchain4j_texts_per_second")), n.at("/langchain4j_texts_per_second")));
        md.append(String.format(Locale.ROOT, "| Stratum MiniLmEmbeddingModel.embedAll | %.0f | %s |%n",
                median(n.at("/stratum_texts_per_second")), n.at("/stratum_texts_per_second")));
        md.append(String.format(Locale.ROOT, "| **ratio** | **%.2f** | %s |%n", n.at("/median_ratio").asDouble(),
                n.at("/ratio")));
        md.append(String.format(Locale.ROOT, "| ratio of texts per CPU second | %.2f | %s |%n",
                n.at("/median_cpu_ratio").asDouble(), n.at("/cpu_ratio")));
        md.append("\n| encoder | texts/s (best of rounds) | texts per CPU second |\n|---|---:|---:|\n");
        for (JsonNode r : n.at("/batch_limits")) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", r.at("/what").asText(),
                    r.at("/texts_per_second").asDouble(), r.at("/texts_per_cpu_second").asDouble()));
        }
        for (JsonNode r : n.at("/encoders")) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f |%n", r.at("/what").asText(),
                    r.at("/texts_per_second").asDouble(), r.at("/texts_per_cpu_second").asDouble()));
        }
        md.append(String.format(Locale.ROOT, "%nPhysical limit: %.4f GOP per text (%,d tokens over %,d texts); at %.0f"
                        + " GOP/s, %.0f texts/s; Stratum reaches %.1f %% of it.%n",
                n.at("/gop_per_text").asDouble(), n.at("/tokens").asLong(), n.at("/texts").asInt(),
                n.at("/peak_gops").asDouble(), n.at("/limit_texts_per_second").asDouble(),
                100 * n.at("/share_of_limit").asDouble()));
        if (n.at("/cpu_share_of_limit").isNumber()) {
            md.append(String.format(Locale.ROOT, "Per CPU second (which other processes' load moves far less): %.0f"
                            + " texts against %.0f at one core's peak, %.1f %% of it.%n",
                    median(n.at("/stratum_texts_per_cpu_second")), n.at("/limit_texts_per_cpu_second").asDouble(),
                    100 * n.at("/cpu_share_of_limit").asDouble()));
        }
        md.append("\n| encoder | batched against alone: min cosine | 1st percentile | median |\n|---|---:|---:|---:|\n");
        for (JsonNode a : n.at("/batched_against_alone")) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f |%n", a.at("/encoder").asText(),
                    a.at("/min_cosine").asDouble(), a.at("/percentile1_cosine").asDouble(),
                    a.at("/median_cosine").asDouble()));
        }
        if (n.at("/specific_resident_mb").isNumber()) {
            md.append(String.format(Locale.ROOT, "%nResident memory added by loading the specific encoder and embedding"
                    + " the texts with it: %.0f MB.%n", n.at("/specific_resident_mb").asDouble()));
        }
        return md.toString();
    }

    private static String cell(JsonNode setting, String part) {
        return switch (part) {
            case "blend" -> String.format(Locale.ROOT, "%.2f ± %.2f", 100 * setting.at("/accuracy_mean").asDouble(),
                    100 * setting.at("/accuracy_std").asDouble());
            case "head alone" -> String.format(Locale.ROOT, "%.2f", 100 * setting.at("/head_accuracy_mean").asDouble());
            default -> String.format(Locale.ROOT, "%.2f", 100 * setting.at("/memory_accuracy_mean").asDouble());
        };
    }

    private static JsonNode setting(JsonNode report, String shots) {
        for (JsonNode s : report.at("/settings")) {
            if (s.at("/shots").asText().equals(shots)) {
                return s;
            }
        }
        return null;
    }

    private static double median(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return EmbedBench.median(v);
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bench report " + file, e);
        }
    }
}
