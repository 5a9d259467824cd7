package dev.stratum.learning.bench.odd;

import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.odd.OddCalibration;
import dev.stratum.odd.OddCalibrator;
import dev.stratum.odd.OddGuard;
import dev.stratum.odd.OddVerdict;
import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import dev.stratum.odd.uncertainty.HeadEnsemble;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * One seed of {@link OddBench}: chooses the known labels, calibrates and trains on the training rows of those labels,
 * and runs every in-domain and out-of-domain test input through the model and its {@link OddGuard}.
 */
final class SeedRun {
    private final OddBenchConfig config;
    private final HeadTrainer trainer;
    private final HyperlocalConfig blend;
    private final Function<String, float[]> vectors;

    SeedRun(OddBenchConfig config, HeadTrainer trainer, HyperlocalConfig blend, Function<String, float[]> vectors) {
        this.config = config;
        this.trainer = trainer;
        this.blend = blend;
        this.vectors = vectors;
    }

    /** The labels held out of training for {@code seed}: none against an OOD file. */
    List<String> heldOut(List<String> labelSpace, long seed) {
        if (!config.openSet()) {
            return List.of();
        }
        List<String> shuffled = new ArrayList<>(labelSpace);
        Collections.shuffle(shuffled, new Random(seed));
        int count = (int) Math.max(1, Math.min(labelSpace.size() - 2, Math.round(config.holdoutLabels()
                * labelSpace.size())));
        return List.copyOf(shuffled.subList(0, count).stream().sorted().toList());
    }

    OddBenchReport.SeedResult run(BenchTexts train, BenchTexts test, BenchTexts ood, long seed, PrintStream progress,
            boolean timeChecks) {
        List<String> heldOut = heldOut(train.labelSpace(), seed);
        Set<String> unknown = new HashSet<>(heldOut);
        List<String> known = train.labelSpace().stream().filter(l -> !unknown.contains(l)).toList();
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (!unknown.contains(train.labels().get(i))) {
                x.add(vectors.apply(train.texts().get(i)));
                y.add(train.labels().get(i));
            }
        }
        TrainingSet data = new TrainingSet(x, y, known);
        long start = System.nanoTime();
        OddCalibrator calibrator = OddCalibrator.hyperlocal(trainer, blend, new OddCalibrator.Settings(config.folds(),
                blend.k(), config.coverage(), OddCalibrator.Settings.DEFAULTS.rejectedBudget(), seed));
        OddCalibration calibration = calibrator.calibrate(data);
        double calibrateSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        HyperlocalModel model = HyperlocalModel.create(known, trainer.train(data, seed), NeighbourLookup.NONE, blend);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        HeadEnsemble ensemble = config.ensembleSize() > 1
                ? HeadEnsemble.train(trainer, data, config.ensembleSize(), seed)
                : null;
        ExactNeighbourSearch memory = ExactNeighbourSearch.of(x, y);
        OddPolicy policy = new OddPolicy(1, new OddPolicy.InputRules(null, config.acceptance(), null, null), null,
                new OddPolicy.ConfidenceRule(config.coverage(), null));
        OddGuard guard = OddGuard.create(policy, calibration, known);

        List<String> inTexts = new ArrayList<>();
        List<String> inLabels = new ArrayList<>();
        List<String> outTexts = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (unknown.contains(test.labels().get(i))) {
                outTexts.add(test.texts().get(i));
            } else {
                inTexts.add(test.texts().get(i));
                inLabels.add(test.labels().get(i));
            }
        }
        if (ood != null) {
            outTexts.addAll(ood.texts());
        }
        List<SeedMetrics.Outcome> in = outcomes(inTexts, model, memory, guard, calibration, ensemble);
        List<SeedMetrics.Outcome> out = outcomes(outTexts, model, memory, guard, calibration, ensemble);
        Map<String, Double> metrics = SeedMetrics.of(in, inLabels, out, calibration, guard, config.coverage());
        metrics.put("calibrate_seconds", calibrateSeconds);
        metrics.put("train_seconds", trainSeconds);
        OddBenchReport.Latency latency = timeChecks ? time(inTexts, model, memory, guard) : null;
        progress.printf("seed %d: %d training rows, %d labels known%s; accuracy with abstention %.4f, acceptance %.4f,"
                        + " ood recall %.4f, auroc %.4f, coverage %.4f, mean set %.3f (calibrated in %.1f s)%n", seed,
                x.size(), known.size(), heldOut.isEmpty() ? "" : ", " + heldOut.size() + " held out",
                metrics.get("accuracy_with_abstention"), metrics.get("acceptance_rate"), metrics.get("ood_recall"),
                metrics.get("auroc"), metrics.get("coverage"), metrics.get("mean_set_size"), calibrateSeconds);
        return new OddBenchReport.SeedResult(seed, x.size(), known.size(), heldOut, inTexts.size(), outTexts.size(),
                metrics, latency);
    }

    private List<SeedMetrics.Outcome> outcomes(List<String> texts, HyperlocalModel model, ExactNeighbourSearch memory,
            OddGuard guard, OddCalibration calibration, HeadEnsemble ensemble) {
        List<float[]> v = texts.stream().map(vectors).toList();
        List<List<Neighbour>> neighbours = memory.nearestAll(v, blend.k());
        List<SeedMetrics.Outcome> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Distribution d = model.predict(v.get(i), neighbours.get(i));
            Uncertainty members = ensemble == null ? null : ensemble.uncertainty(v.get(i));
            OddVerdict verdict = guard.check(texts.get(i), v.get(i), d, neighbours.get(i), members);
            out.add(new SeedMetrics.Outcome(verdict, d, calibration.scaling().apply(d),
                    AdaptivePredictionSets.noise(v.get(i)), members));
        }
        return out;
    }

    /** Times the guard alone, one input at a time, after a warm-up: what the checks add to a prediction. */
    private OddBenchReport.Latency time(List<String> texts, HyperlocalModel model, ExactNeighbourSearch memory,
            OddGuard guard) {
        int samples = Math.min(config.latencySamples(), texts.size());
        List<float[]> v = texts.subList(0, samples).stream().map(vectors).toList();
        List<List<Neighbour>> neighbours = memory.nearestAll(v, blend.k());
        List<Distribution> d = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            d.add(model.predict(v.get(i), neighbours.get(i)));
        }
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < samples; i++) {
                guard.check(texts.get(i), v.get(i), d.get(i), neighbours.get(i));
            }
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            guard.check(texts.get(i), v.get(i), d.get(i), neighbours.get(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return new OddBenchReport.Latency(samples, Roc.percentile(ms, 50), Roc.percentile(ms, 99));
    }
}
