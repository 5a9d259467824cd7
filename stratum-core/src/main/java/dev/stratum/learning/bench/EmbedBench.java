package dev.stratum.learning.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.OnnxSentenceEncoder;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import dev.stratum.models.specific.LayeredEncoders;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code stratum bench embed}: encoder throughput on the texts of a labelled file, side by side in one process.
 * LangChain4j's stock {@code AllMiniLmL6V2QuantizedEmbeddingModel.embedAll} and Stratum's
 * {@link MiniLmEmbeddingModel#embedAll} embed the same texts in alternating rounds (the order flips each round, so
 * neither always runs on a warmer or quieter machine), and the ratio of each round is reported, with their median.
 * Then Stratum's general encoder at several batch limits, the specific and combined encoders, how close a batched
 * vector is to the same text's vector embedded alone, the resident memory the specific encoder adds, and an estimate
 * of how close the general encoder gets to the cores' peak arithmetic.
 */
public final class EmbedBench {
    private EmbedBench() {}

    public static EmbedReport run(EmbedConfig config, PrintStream progress) {
        LabelledData data = LabelledData.read(config.file(), config.textColumn(), config.labelColumn());
        List<String> texts = List.copyOf(new LinkedHashSet<>(data.texts()));
        progress.printf("%d distinct texts of %s%n", texts.size(), config.file());
        var stock = new AllMiniLmL6V2QuantizedEmbeddingModel();
        MiniLmEmbeddingModel ours = MiniLmEmbeddingModel.create();
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        // Warm-up: JIT, ONNX Runtime arenas, thread pools.
        stock.embedAll(segments.subList(0, Math.min(300, segments.size())));
        ours.embedAll(texts.subList(0, Math.min(300, texts.size())));
        double[] stockRate = new double[config.rounds()];
        double[] oursRate = new double[config.rounds()];
        double[] ratio = new double[config.rounds()];
        double[] cpuRatio = new double[config.rounds()];
        double[] oursCpuRate = new double[config.rounds()];
        for (int r = 0; r < config.rounds(); r++) {
            double[] stockRun;
            double[] oursRun;
            if (r % 2 == 0) {
                stockRun = timed(texts.size(), () -> stock.embedAll(segments));
                oursRun = timed(texts.size(), () -> ours.embedAll(texts));
            } else {
                oursRun = timed(texts.size(), () -> ours.embedAll(texts));
                stockRun = timed(texts.size(), () -> stock.embedAll(segments));
            }
            stockRate[r] = stockRun[0];
            oursRate[r] = oursRun[0];
            ratio[r] = oursRate[r] / stockRate[r];
            cpuRatio[r] = oursRun[1] / stockRun[1];
            oursCpuRate[r] = oursRun[1];
            progress.printf("round %d: LangChain4j %.0f texts/s (%.0f per CPU second), Stratum %.0f texts/s (%.0f per"
                            + " CPU second), ratio %.2f (per CPU second %.2f)%n", r + 1, stockRate[r], stockRun[1],
                    oursRate[r], oursRun[1], ratio[r], cpuRatio[r]);
        }
        // The batch limits side by side: each round times every limit once, in turn, and each keeps its best round,
        // in texts per second and per CPU second (the second is what other processes' load moves least).
        int threads = Runtime.getRuntime().availableProcessors();
        List<OnnxSentenceEncoder> limited = new ArrayList<>();
        for (int tokens : config.batchTokens()) {
            OnnxSentenceEncoder encoder = OnnxSentenceEncoder.load(MiniLmEmbeddingModel.SPEC, threads, tokens);
            encoder.embedAll(texts.subList(0, Math.min(300, texts.size())));
            limited.add(encoder);
        }
        double[][] best = new double[limited.size()][2];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < limited.size(); i++) {
                OnnxSentenceEncoder encoder = limited.get(i);
                double[] run = timed(texts.size(), () -> encoder.embedAll(texts));
                best[i][0] = Math.max(best[i][0], run[0]);
                best[i][1] = Math.max(best[i][1], run[1]);
            }
        }
        List<EmbedReport.Rate> batchLimits = new ArrayList<>();
        for (int i = 0; i < limited.size(); i++) {
            int tokens = config.batchTokens().get(i);
            progress.printf("batches of %d tokens: %.0f texts/s, %.0f per CPU second%n", tokens, best[i][0],
                    best[i][1]);
            batchLimits.add(new EmbedReport.Rate(LayeredEncoders.GENERAL + ", batches of " + tokens + " tokens",
                    best[i][0], best[i][1]));
        }
        List<EmbedReport.Rate> encoders = new ArrayList<>();
        List<EmbedReport.Agreement> agreements = new ArrayList<>();
        agreements.add(agreement(LayeredEncoders.GENERAL, ours, texts, progress));
        long residentBefore = residentBytes();
        double specificResidentMb = Double.NaN;
        for (String name : List.of(LayeredEncoders.SPECIFIC, LayeredEncoders.GENERAL_AND_SPECIFIC)) {
            EmbeddingModel encoder = LayeredEncoders.byName(name);
            encoder.embedAll(texts.subList(0, Math.min(300, texts.size())));
            double[] run = timed(texts.size(), () -> encoder.embedAll(texts));
            progress.printf("encoder %s: %.0f texts/s, %.0f per CPU second%n", name, run[0], run[1]);
            encoders.add(new EmbedReport.Rate(name, run[0], run[1]));
            if (name.equals(LayeredEncoders.SPECIFIC)) {
                long residentAfter = residentBytes();
                if (residentBefore > 0 && residentAfter > 0) {
                    specificResidentMb = (residentAfter - residentBefore) / 1e6;
                }
                agreements.add(agreement(name, encoder, texts, progress));
            }
        }
        OnnxSentenceEncoder counter = OnnxSentenceEncoder.load(MiniLmEmbeddingModel.SPEC, 1, 1);
        long tokens = 0;
        for (String text : texts) {
            tokens += counter.tokenCount(text);
        }
        return new EmbedReport(config.file().toString(), texts.size(), tokens, config.rounds(), stockRate, oursRate,
                ratio, median(ratio), cpuRatio, oursCpuRate, batchLimits, encoders, agreements, specificResidentMb,
                config.peakGopsPerCore() * threads, threads,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Runtime.version().toString(),
                ClassifyBench.machine());
    }

    /**
     * How close each text's vector from {@code embedAll} (batched with others) is to its vector embedded alone: the
     * int8 model quantizes each batch with one scale, so they differ slightly.
     */
    private static EmbedReport.Agreement agreement(String name, EmbeddingModel encoder, List<String> texts,
            PrintStream progress) {
        List<float[]> batched = encoder.embedAll(texts);
        double[] cosine = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.embed(texts.get(i));
            float[] together = batched.get(i);
            double dot = 0;
            for (int d = 0; d < alone.length; d++) {
                dot += alone[d] * together[d];
            }
            cosine[i] = dot;
        }
        double[] sorted = cosine.clone();
        Arrays.sort(sorted);
        var result = new EmbedReport.Agreement(name, sorted[0], sorted[sorted.length / 100], median(cosine));
        progress.printf("encoder %s, batched against alone: cosine min %.4f, 1st percentile %.4f, median %.4f%n", name,
                result.min(), result.percentile1(), result.median());
        return result;
    }

    /** The process's resident memory in bytes, from /proc (Linux); 0 where it cannot be read. */
    private static long residentBytes() {
        System.gc();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Texts per second of wall time and per second of the process's CPU time. The second does not depend on how much
     * of the cores other processes take, and it charges threads that spin while they wait.
     */
    private static double[] timed(int texts, Runnable work) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        work.run();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        return new double[] {texts / wall, texts / Math.max(cpuSeconds, 1e-9)};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
