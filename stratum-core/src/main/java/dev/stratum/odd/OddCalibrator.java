package dev.stratum.odd;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.LabelScore;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainingSet;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.Neighbour;
import dev.stratum.models.hyperlocal.HyperlocalConfig;
import dev.stratum.models.hyperlocal.HyperlocalModel;
import dev.stratum.models.hyperlocal.NeighbourLookup;
import dev.stratum.odd.conformal.AdaptivePredictionSets;
import dev.stratum.odd.domain.ExactNeighbourSearch;
import dev.stratum.odd.domain.InputDomain;
import dev.stratum.odd.uncertainty.CalibrationError;
import dev.stratum.odd.uncertainty.TemperatureScaling;
import dev.stratum.odd.uncertainty.Uncertainty;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an {@link OddCalibration} from a task's validated examples by k-fold cross-fitting: the examples are split
 * into folds (stratified by label, shuffled with the seed); for each fold a fresh head is trained on the other folds
 * and predicts the fold's examples as serving would, given each example's nearest neighbours among all the other
 * examples (leave-one-out, see {@link #leaveOneOutNeighbours}). Every example is thus scored once by a model that
 * never saw it. Temperature, conformal scores and the in-domain profile are fitted on these out-of-fold predictions;
 * the served model is then trained on all the examples.
 *
 * <p>Why cross-fitting rather than a held-out split: a split would take its share away from the served model, which
 * hurts most when examples are few, and would calibrate on fewer of them. The price is that calibration describes
 * models trained on {@code (folds - 1) / folds} of the data, slightly weaker than the served one, so coverage and
 * in-domain acceptance come out a little above their targets rather than below. It costs {@code folds} extra
 * trainings and an exact neighbour search over all examples for each of them, both deterministic for a seed.
 */
public final class OddCalibrator {
    private final ModelFactory factory;
    private final Settings settings;

    /**
     * How calibration runs.
     *
     * @param folds folds of cross-fitting (at least 2; fewer when there are fewer examples)
     * @param neighbours how many nearest examples the model is given, as in serving
     * @param referenceCoverage the coverage at which the conformal regularisation is tuned and metrics are reported
     * @param rejectedBudget the share of in-domain inputs the rejected-input rule may refuse
     * @param seed the seed of the folds, the models and the tuning split
     */
    public record Settings(int folds, int neighbours, double referenceCoverage, double rejectedBudget, long seed) {
        public static final Settings DEFAULTS = new Settings(5, HyperlocalConfig.DEFAULTS.k(),
                OddPolicy.ConfidenceRule.DEFAULT_COVERAGE, InputDomain.DEFAULT_REJECTED_BUDGET, 0);

        public Settings {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be at least 2, got " + folds);
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
            }
            if (!(referenceCoverage > 0 && referenceCoverage < 1)) {
                throw new IllegalArgumentException("reference coverage must be between 0 and 1, got "
                        + referenceCoverage);
            }
            if (!(rejectedBudget >= 0 && rejectedBudget < 1)) {
                throw new IllegalArgumentException("rejected budget must be in [0, 1), got " + rejectedBudget);
            }
        }

        public Settings withSeed(long value) {
            return new Settings(folds, neighbours, referenceCoverage, rejectedBudget, value);
        }

        public Settings withReferenceCoverage(double value) {
            return new Settings(folds, neighbours, value, rejectedBudget, seed);
        }
    }

    /** Trains the model being calibrated on some examples, as the task's training does. */
    @FunctionalInterface
    public interface ModelFactory {
        Model train(TrainingSet data, long seed);
    }

    /** A trained model: a distribution for an embedding and its nearest validated examples. */
    @FunctionalInterface
    public interface Model {
        Distribution predict(float[] embedding, List<Neighbour> neighbours);
    }

    public OddCalibrator(ModelFactory factory, Settings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    /** Calibrates the hyperlocal model: a head of {@code trainer} blended with the memory as {@code blend} says. */
    public static OddCalibrator hyperlocal(HeadTrainer trainer, HyperlocalConfig blend, Settings settings) {
        return new OddCalibrator((data, seed) -> {
            HyperlocalModel model = HyperlocalModel.create(data.labels(), trainer.train(data, seed),
                    NeighbourLookup.NONE, blend);
            return model::predict;
        }, settings);
    }

    public Settings settings() {
        return settings;
    }

    /** Calibrates on {@code data} alone, without rejected inputs. */
    public OddCalibration calibrate(TrainingSet data) {
        return calibrate(data, List.of());
    }

    /**
     * Calibrates on {@code data}; {@code rejected} holds the embeddings of inputs that people rejected as out of scope
     * for the task (may be empty), which refine the out-of-domain check.
     */
    public OddCalibration calibrate(TrainingSet data, List<float[]> rejected) {
        int n = data.size();
        if (n < 2) {
            throw new InvalidRequestException("too_few_examples", "calibrating the ODD checks needs at least 2"
                    + " validated examples, got " + n + "; add examples, then train again");
        }
        int folds = Math.min(settings.folds(), n);
        int[] fold = CrossFitFolds.assign(data.y(), folds, settings.seed());
        List<String> labels = data.labels();
        Map<String, Integer> column = new HashMap<>();
        for (String label : labels) {
            column.put(label, column.size());
        }
        double[][] probabilities = new double[n][];
        int[] truth = new int[n];
        double[] noise = new double[n];
        double[] nearest = new double[n];
        double[] entropy = new double[n];
        double[] nearestRejected = new double[rejected.isEmpty() ? 0 : n];
        ExactNeighbourSearch rejectedSearch =
                ExactNeighbourSearch.of(rejected, rejected.stream().map(r -> "rejected").toList());
        List<List<Neighbour>> neighbours = leaveOneOutNeighbours(data);
        for (int f = 0; f < folds; f++) {
            List<float[]> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    x.add(data.x().get(i));
                    y.add(data.y().get(i));
                }
            }
            Model model = factory.train(new TrainingSet(x, y, labels), settings.seed());
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    continue;
                }
                float[] v = data.x().get(i);
                Distribution d = model.predict(v, neighbours.get(i));
                probabilities[i] = row(d, column);
                truth[i] = column.get(data.y().get(i));
                noise[i] = AdaptivePredictionSets.noise(v);
                nearest[i] = neighbours.get(i).isEmpty() ? -1 : neighbours.get(i).getFirst().similarity();
                entropy[i] = Uncertainty.entropy(d);
                if (!rejected.isEmpty()) {
                    nearestRejected[i] = rejectedSearch.nearestSimilarity(v);
                }
            }
        }
        TemperatureScaling scaling = TemperatureScaling.fit(probabilities, truth);
        double[][] calibrated = new double[n][];
        for (int i = 0; i < n; i++) {
            calibrated[i] = scaling.apply(probabilities[i]);
        }
        AdaptivePredictionSets conformal = AdaptivePredictionSets.tune(calibrated, truth, noise,
                settings.referenceCoverage(), settings.seed());
        InputDomain domain = InputDomain.calibrate(nearest, entropy, rejected, nearestRejected,
                settings.rejectedBudget());
        Map<String, Double> metrics = metrics(probabilities, calibrated, truth, noise, scaling, conformal);
        return new OddCalibration(n, folds, settings.seed(), scaling.temperature(), conformal, domain, metrics);
    }

    /**
     * Each example's nearest neighbours among all the others: the memory a new input meets in serving holds every
     * example, so leaving out only the example itself (rather than its whole fold) keeps the neighbours as close as
     * serving will find them. With fold-sized memories in-domain examples look farther from their nearest neighbour
     * than served inputs do, so the out-of-domain threshold comes out too lenient.
     */
    private List<List<Neighbour>> leaveOneOutNeighbours(TrainingSet data) {
        ExactNeighbourSearch memory = ExactNeighbourSearch.of(data.x(), data.y());
        int k = settings.neighbours();
        List<List<Neighbour>> found = memory.nearestAll(data.x(), k + 1);
        List<List<Neighbour>> others = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            List<Neighbour> list = new ArrayList<>(found.get(i));
            int self = -1;
            for (int j = 0; j < list.size() && self < 0; j++) {
                self = list.get(j).exampleId() == i ? j : -1;
            }
            // Among exact duplicates the example itself may rank below k + 1; drop the last of them instead.
            list.remove(self >= 0 ? self : list.size() - 1);
            others.add(list.subList(0, Math.min(k, list.size())));
        }
        return others;
    }

    private Map<String, Double> metrics(double[][] raw, double[][] calibrated, int[] truth, double[] noise,
            TemperatureScaling scaling, AdaptivePredictionSets conformal) {
        int n = truth.length;
        double[] rawConfidence = new double[n];
        double[] calibratedConfidence = new double[n];
        boolean[] right = new boolean[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int top = argmax(raw[i]);
            right[i] = top == truth[i];
            correct += right[i] ? 1 : 0;
            rawConfidence[i] = raw[i][top];
            calibratedConfidence[i] = calibrated[i][top];
        }
        double threshold = conformal.threshold(settings.referenceCoverage());
        double covered = 0;
        double size = 0;
        for (int i = 0; i < n; i++) {
            size += conformal.setSize(calibrated[i], threshold, noise[i], true);
            covered += conformal.contains(calibrated[i], truth[i], threshold, noise[i], true) ? 1 : 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", correct / (double) n);
        m.put("nll", TemperatureScaling.nll(raw, truth, 1));
        m.put("nll_calibrated", TemperatureScaling.nll(raw, truth, scaling.temperature()));
        m.put("ece", CalibrationError.expected(rawConfidence, right));
        m.put("ece_calibrated", CalibrationError.expected(calibratedConfidence, right));
        m.put("reference_coverage", settings.referenceCoverage());
        m.put("coverage", covered / n);
        m.put("mean_set_size", size / n);
        return m;
    }

    private static double[] row(Distribution d, Map<String, Integer> column) {
        double[] p = new double[column.size()];
        for (LabelScore s : d.scores()) {
            Integer c = column.get(s.label());
            if (c != null) {
                p[c] = s.score();
            }
        }
        return p;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
