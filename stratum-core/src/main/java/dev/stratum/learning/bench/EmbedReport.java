package dev.stratum.learning.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one {@link EmbedBench} run, with the physical-limit estimate for the general encoder
 * (all-MiniLM-L6-v2: 6 layers, hidden size 384, feed-forward size 1536): per token and layer, the four attention
 * projections take {@code 4 * 384^2} multiply-adds, the feed-forward {@code 2 * 384 * 1536}, and attention over a
 * text of T tokens {@code 2 * T * 384}; a multiply-add counts as two operations. Embedding lookups, normalisation,
 * activations and (de)quantization are left out, so the limit is optimistic.
 *
 * @param tokens the tokens of all texts, special tokens included, padding excluded
 * @param cpuRatio per round, Stratum's texts per second of process CPU time over LangChain4j's
 * @param stratumCpuRate per round, Stratum's texts per second of process CPU time, which other processes' load
 *     moves far less than the wall-clock rate
 * @param batchLimits Stratum's general encoder at each batch limit
 * @param agreements per encoder, the cosine between a text's batched vector and its vector embedded alone
 * @param specificResidentMb resident memory the process gained by loading the specific encoder and embedding all
 *     texts with it, in MB (NaN where /proc cannot be read); heap pages touched meanwhile count too
 * @param peakGops the assumed peak of all cores together, in billions of int8 operations per second
 * @param cores the cores of that peak
 */
public record EmbedReport(String file, int texts, long tokens, int rounds, double[] langchain4jRate,
        double[] stratumRate, double[] ratio, double medianRatio, double[] cpuRatio, double[] stratumCpuRate, List<Rate> batchLimits,
        List<Rate> encoders, List<Agreement> agreements, double specificResidentMb, double peakGops, int cores, String date, String javaVersion, String machine) {
    private static final int LAYERS = 6;
    private static final int HIDDEN = 384;
    private static final int FEED_FORWARD = 1536;

    /** A throughput, in texts per second of wall time and of the process's CPU time. */
    public record Rate(String what, double textsPerSecond, double textsPerCpuSecond) {}

    /** Cosine between batched and alone vectors of the same texts: the lowest, the 1st percentile, the median. */
    public record Agreement(String encoder, double min, double percentile1, double median) {}

    public EmbedReport {
        batchLimits = List.copyOf(batchLimits);
        agreements = List.copyOf(agreements);
        encoders = List.copyOf(encoders);
    }

    /** Operations to embed one text of average length. */
    public double operationsPerText() {
        double meanTokens = tokens / (double) texts;
        double perToken =
                2.0 * LAYERS * (4.0 * HIDDEN * HIDDEN + 2.0 * HIDDEN * FEED_FORWARD + 2.0 * meanTokens * HIDDEN);
        return perToken * meanTokens;
    }

    /** The texts per second at the assumed peak. */
    public double limitRate() {
        return peakGops * 1e9 / operationsPerText();
    }

    /** The texts per second of one core at the assumed peak: the limit for texts per CPU second. */
    public double limitRatePerCore() {
        return limitRate() / cores;
    }

    public double medianStratumRate() {
        return EmbedBench.median(stratumRate);
    }

    public double medianLangchain4jRate() {
        return EmbedBench.median(langchain4jRate);
    }

    public void printTable(PrintStream out) {
        out.printf(Locale.ROOT, "%d distinct texts of %s, %.1f tokens per text%n", texts, file,
                tokens / (double) texts);
        out.printf(Locale.ROOT, "all-MiniLM-L6-v2 (int8), embedAll over all texts, %d alternating rounds:%n", rounds);
        out.printf(Locale.ROOT, "  LangChain4j AllMiniLmL6V2QuantizedEmbeddingModel: median %.0f texts/s %s%n",
                medianLangchain4jRate(), rounded(langchain4jRate, 0));
        out.printf(Locale.ROOT, "  Stratum MiniLmEmbeddingModel:                     median %.0f texts/s %s%n",
                medianStratumRate(), rounded(stratumRate, 0));
        out.printf(Locale.ROOT, "  ratio per round %s, median %.2f%n", rounded(ratio, 2), medianRatio);
        out.printf(Locale.ROOT, "  ratio of texts per CPU second per round %s, median %.2f%n", rounded(cpuRatio, 2),
                EmbedBench.median(cpuRatio));
        batchLimits.forEach(r -> out.printf(Locale.ROOT, "  %-36s %6.0f texts/s, %6.0f per CPU second%n", r.what(),
                r.textsPerSecond(), r.textsPerCpuSecond()));
        encoders.forEach(r -> out.printf(Locale.ROOT, "  encoder %-20s %6.0f texts/s, %6.0f per CPU second%n",
                r.what(), r.textsPerSecond(), r.textsPerCpuSecond()));
        agreements.forEach(a -> out.printf(Locale.ROOT, "  encoder %s, batched against alone: cosine min %.4f, 1st"
                + " percentile %.4f, median %.4f%n", a.encoder(), a.min(), a.percentile1(), a.median()));
        out.printf(Locale.ROOT, "  resident memory added by the specific encoder: %.0f MB%n", specificResidentMb);
        out.printf(Locale.ROOT, "physical limit: %.2f GOP per text; at %.0f GOP/s peak, %.0f texts/s; Stratum reaches"
                        + " %.1f %% of it%n", operationsPerText() / 1e9, peakGops, limitRate(),
                100 * medianStratumRate() / limitRate());
        out.printf(Locale.ROOT, "per CPU second: median %.0f texts, %.0f at one core's peak; Stratum reaches %.1f %% of"
                        + " it%n", EmbedBench.median(stratumCpuRate), limitRatePerCore(),
                100 * EmbedBench.median(stratumCpuRate) / limitRatePerCore());
        out.printf(Locale.ROOT, "%s, Java %s, %s%n", date, javaVersion, machine);
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "embed");
        root.put("date", date);
        root.put("java_version", javaVersion);
        root.put("machine", machine);
        root.put("file", file);
        root.put("texts", texts);
        root.put("tokens", tokens);
        root.put("rounds", rounds);
        root.put("langchain4j_texts_per_second", rounded(langchain4jRate, 1));
        root.put("stratum_texts_per_second", rounded(stratumRate, 1));
        root.put("ratio", rounded(ratio, 3));
        root.put("median_ratio", BenchReport.round(medianRatio, 3));
        root.put("cpu_ratio", rounded(cpuRatio, 3));
        root.put("median_cpu_ratio", BenchReport.round(EmbedBench.median(cpuRatio), 3));
        root.put("stratum_texts_per_cpu_second", rounded(stratumCpuRate, 1));
        root.put("batch_limits", batchLimits.stream().map(EmbedReport::json).toList());
        root.put("encoders", encoders.stream().map(EmbedReport::json).toList());
        root.put("batched_against_alone", agreements.stream().map(a -> Map.of("encoder", a.encoder(),
                "min_cosine", BenchReport.round(a.min(), 4), "percentile1_cosine", BenchReport.round(a.percentile1(), 4),
                "median_cosine", BenchReport.round(a.median(), 4))).toList());
        root.put("specific_resident_mb", Double.isNaN(specificResidentMb) ? null
                : BenchReport.round(specificResidentMb, 0));
        root.put("gop_per_text", BenchReport.round(operationsPerText() / 1e9, 4));
        root.put("peak_gops", peakGops);
        root.put("limit_texts_per_second", BenchReport.round(limitRate(), 0));
        root.put("share_of_limit", BenchReport.round(medianStratumRate() / limitRate(), 4));
        root.put("limit_texts_per_cpu_second", BenchReport.round(limitRatePerCore(), 0));
        root.put("cpu_share_of_limit",
                BenchReport.round(EmbedBench.median(stratumCpuRate) / limitRatePerCore(), 4));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of plain maps and numbers always serialises", e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    private static Map<String, Object> json(Rate r) {
        return Map.of("what", r.what(), "texts_per_second", BenchReport.round(r.textsPerSecond(), 1),
                "texts_per_cpu_second", BenchReport.round(r.textsPerCpuSecond(), 1));
    }

    private static List<Double> rounded(double[] values, int decimals) {
        return Arrays.stream(values).mapToObj(v -> BenchReport.round(v, decimals)).toList();
    }
}
