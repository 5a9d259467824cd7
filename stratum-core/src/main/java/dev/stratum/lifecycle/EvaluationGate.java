package dev.stratum.lifecycle;

import dev.stratum.api.lifecycle.GateConfig;
import dev.stratum.api.lifecycle.GateReport.LabelRecall;
import dev.stratum.api.lifecycle.GateReport.Window;
import dev.stratum.api.lifecycle.GateReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides whether a candidate may replace production, from both versions' answers on the same held-out validated
 * examples. The candidate passes only if
 * <ol>
 *   <li>it is not significantly worse overall: the gate fails it when it is less accurate than production and
 *       McNemar's exact two-sided p-value is below the significance level (a one-sided decision on a two-sided
 *       p-value: at level 0.05 a worse candidate is refused when equally accurate models would split the discordant
 *       examples this unevenly, in its disfavour, less than 2.5% of the time);
 *   <li>it is not significantly worse, in the same sense, on the newest {@link GateConfig#recentShare()} of the
 *       examples, where drift shows first;
 *   <li>no label with at least {@link GateConfig#minLabelSupport()} examples loses more than {@link
 *       GateConfig#maxRecallDrop()} points of recall.
 * </ol>
 * A first version has nothing to be compared with; it passes, and the report says so and gives its own accuracy.
 * With a production version but no examples, the candidate fails: nothing shows that it is not worse.
 */
public final class EvaluationGate {
    /** Tolerance for comparing a drop with the limit, so that exactly 5 points is not read as 5.000000000000004. */
    private static final double EPSILON_POINTS = 1e-9;

    private final GateConfig config;

    public EvaluationGate(GateConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Judges a candidate against the production version.
     *
     * @param outcomes one per held-out example, in any order
     */
    public GateReport evaluate(List<PairedOutcome> outcomes) {
        return judge(outcomes, true);
    }

    /**
     * Judges a task's first version, which has no production version to be compared with: it passes, and the
     * report gives its accuracy. Production's labels in {@code outcomes} are ignored.
     */
    public GateReport evaluateFirstVersion(List<PairedOutcome> outcomes) {
        return judge(outcomes.stream()
                .map(o -> new PairedOutcome(o.actual(), null, o.candidate(), o.time()))
                .toList(), false);
    }

    private GateReport judge(List<PairedOutcome> outcomes, boolean withProduction) {
        List<PairedOutcome> byTime = new ArrayList<>(outcomes);
        byTime.sort(Comparator.comparing(PairedOutcome::time));
        // The tolerance keeps 0.1 * 30 = 3.0000000000000004 at 3 examples, not 4.
        int recentSize = (int) Math.ceil(config.recentShare() * byTime.size() - 1e-9);
        Window all = window(1, byTime, withProduction);
        Window recent = window(config.recentShare(), byTime.subList(byTime.size() - recentSize, byTime.size()),
                withProduction);
        Map<String, LabelCounts> counts = labelCounts(byTime);

        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        if (!withProduction) {
            passes.add(String.format(Locale.ROOT, "no production version to compare with, so the first version passes"
                    + " on its own; its accuracy is %.3f on %d held-out examples", all.candidateAccuracy(), all.n()));
        } else if (all.n() == 0) {
            failures.add("there are no held-out validated examples to compare the candidate with production on;"
                    + " validate some examples of the task first");
        } else {
            compare(all, "overall", failures, passes);
            if (recent.n() > 0) {
                String where = String.format(Locale.ROOT, "on the newest %s%% of the examples (%d, since %s)",
                        GateConfig.format(Math.round(1000 * recent.share()) / 10.0), recent.n(), recent.from());
                compare(recent, where, failures, passes);
            }
            judgeRecalls(counts, failures, passes);
        }
        return new GateReport(failures.isEmpty(), failures.isEmpty() ? passes : failures, withProduction, all.n(),
                all.productionAccuracy(), all.candidateAccuracy(), all.productionOnlyCorrect(),
                all.candidateOnlyCorrect(), all.pValue(), labelRecalls(counts, withProduction), recent, config);
    }

    private void compare(Window w, String where, List<String> failures, List<String> passes) {
        boolean worse = w.productionOnlyCorrect() > w.candidateOnlyCorrect();
        String figures = String.format(Locale.ROOT, "accuracy %.3f against production's %.3f on %d examples;"
                        + " production alone was right on %d, the candidate alone on %d (McNemar p = %s",
                w.candidateAccuracy(), w.productionAccuracy(), w.n(), w.productionOnlyCorrect(),
                w.candidateOnlyCorrect(), formatP(w.pValue()));
        if (worse && w.pValue() < config.significance()) {
            failures.add("the candidate is significantly worse than production " + where + ": " + figures
                    + ", below " + config.significance() + ")");
        } else {
            passes.add("the candidate is not significantly worse than production " + where + ": " + figures + ")");
        }
    }

    private void judgeRecalls(Map<String, LabelCounts> labels, List<String> failures, List<String> passes) {
        int checked = 0;
        for (Map.Entry<String, LabelCounts> entry : labels.entrySet()) {
            LabelCounts count = entry.getValue();
            if (count.support() < config.minLabelSupport()) {
                continue;
            }
            checked++;
            double production = (double) count.productionRight() / count.support();
            double candidate = (double) count.candidateRight() / count.support();
            double dropPoints = 100 * (production - candidate);
            if (dropPoints > config.maxRecallDrop() + EPSILON_POINTS) {
                failures.add(String.format(Locale.ROOT, "recall of '%s' fell from %.2f to %.2f (%.1f points), more"
                                + " than the %s-point limit", entry.getKey(), production, candidate, -dropPoints,
                        GateConfig.format(config.maxRecallDrop())));
            }
        }
        passes.add(String.format(Locale.ROOT, "no label's recall fell by more than %s points (%d of %d labels have"
                        + " the %d examples needed to be checked)", GateConfig.format(config.maxRecallDrop()), checked,
                labels.size(), config.minLabelSupport()));
    }

    private static Window window(double share, List<PairedOutcome> outcomes, boolean withProduction) {
        int n = outcomes.size();
        int productionRight = 0;
        int candidateRight = 0;
        int b = 0;
        int c = 0;
        for (PairedOutcome o : outcomes) {
            boolean p = o.productionRight();
            boolean k = o.candidateRight();
            productionRight += p ? 1 : 0;
            candidateRight += k ? 1 : 0;
            b += p && !k ? 1 : 0;
            c += k && !p ? 1 : 0;
        }
        Instant from = n == 0 ? null : outcomes.get(0).time();
        if (!withProduction) {
            return new Window(share, n, from, null, rate(candidateRight, n), 0, 0, 1);
        }
        return new Window(share, n, from, n == 0 ? null : rate(productionRight, n), rate(candidateRight, n), b, c,
                McNemar.exactPValue(b, c));
    }

    private static Map<String, LabelCounts> labelCounts(List<PairedOutcome> outcomes) {
        Map<String, LabelCounts> counts = new TreeMap<>();
        for (PairedOutcome o : outcomes) {
            counts.merge(o.actual(), new LabelCounts(1, o.productionRight() ? 1 : 0, o.candidateRight() ? 1 : 0),
                    LabelCounts::plus);
        }
        return counts;
    }

    private Map<String, LabelRecall> labelRecalls(Map<String, LabelCounts> counts, boolean withProduction) {
        Map<String, LabelRecall> recalls = new TreeMap<>();
        counts.forEach((label, count) -> recalls.put(label, new LabelRecall(count.support(),
                withProduction ? rate(count.productionRight(), count.support()) : null,
                rate(count.candidateRight(), count.support()),
                withProduction && count.support() >= config.minLabelSupport())));
        return recalls;
    }

    private record LabelCounts(int support, int productionRight, int candidateRight) {
        LabelCounts plus(LabelCounts other) {
            return new LabelCounts(support + other.support, productionRight + other.productionRight,
                    candidateRight + other.candidateRight);
        }
    }

    private static double rate(int part, int whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    private static String formatP(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
