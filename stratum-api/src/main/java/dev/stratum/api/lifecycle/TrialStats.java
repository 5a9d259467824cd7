package dev.stratum.api.lifecycle;

/**
 * What a version in shadow or canary did on live traffic since it started its trial.
 *
 * @param predictions requests it saw (shadow: all, beside production; canary: those it answered)
 * @param agreementRate in shadow, the share of them where it gave production's label; in canary 0
 * @param withFeedback of its predictions, those that got feedback (in shadow, both versions are scored on them)
 * @param productionAccuracy on those, production's accuracy (in canary: on production's own feedback meanwhile)
 * @param candidateAccuracy on those, its own
 */
public record TrialStats(
        ModelState state,
        long predictions,
        double agreementRate,
        long withFeedback,
        double productionAccuracy,
        double candidateAccuracy) {}
