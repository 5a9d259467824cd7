package dev.stratum.cli;

import dev.stratum.api.Evaluation;
import dev.stratum.api.Evaluation.ClassMetrics;
import dev.stratum.api.Layer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An {@link Evaluation} as plain text: the headline numbers, a per-class table, and the top confusions. */
record EvaluationReport(Evaluation evaluation, int maxConfusions) {

    void print(PrintWriter out) {
        Evaluation e = evaluation;
        out.printf(Locale.ROOT, "task %s, %s: %d items, model %s%n", e.taskId(), e.dataset(), e.n(),
                e.modelVersion() == null ? "(none: general layer only)" : e.modelVersion());
        out.printf(Locale.ROOT, "accuracy  %s%nmacro F1  %s%n", Format.ratio(e.accuracy()), Format.ratio(e.macroF1()));
        printLayers(out);
        printClasses(out);
        printConfusions(out);
    }

    private void printLayers(PrintWriter out) {
        for (Map.Entry<Layer, Integer> answered : evaluation.answeredBy().entrySet()) {
            Double accuracy = evaluation.accuracyByLayer().get(answered.getKey());
            out.printf(Locale.ROOT, "  answered by %-10s %5d  accuracy %s%n", answered.getKey().wireName(),
                    answered.getValue(), accuracy == null ? "-" : Format.ratio(accuracy));
        }
    }

    private void printClasses(PrintWriter out) {
        int width = Math.max(5, evaluation.perClass().keySet().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + width + "s  %9s  %6s  %6s  %7s%n";
        out.println();
        out.printf(Locale.ROOT, row, "label", "precision", "recall", "f1", "support");
        evaluation.perClass().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            ClassMetrics m = entry.getValue();
            out.printf(Locale.ROOT, row, entry.getKey(), Format.ratio(m.precision()), Format.ratio(m.recall()),
                    Format.ratio(m.f1()), m.support());
        });
    }

    private void printConfusions(PrintWriter out) {
        List<Evaluation.Confusion> top =
                evaluation.confusions().subList(0, Math.min(maxConfusions, evaluation.confusions().size()));
        out.println();
        if (top.isEmpty()) {
            out.println("no confusions");
            return;
        }
        out.println("top confusions (actual -> predicted: count)");
        for (Evaluation.Confusion c : top) {
            out.printf(Locale.ROOT, "  %s -> %s: %d%n", c.actual(), c.predicted(), c.count());
        }
    }
}
