package dev.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.store.Store;
import dev.stratum.lifecycle.CanaryRouter;
import dev.stratum.lifecycle.CanaryStats;
import dev.stratum.lifecycle.LiveAccuracy;
import dev.stratum.lifecycle.ShadowStats;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves what versions did on live traffic (a trial's shadow or canary statistics, production's live accuracy) in the
 * store, and restores it when a task is loaded again, so that a restart in the middle of a trial keeps its counts and
 * the label pairs still awaiting feedback. Saving is periodic (the engine calls {@link StratumEngine#saveLiveStats}
 * every few seconds and at shutdown) rather than on every request: a write per prediction would double the request
 * path's commits. A crash loses at most the last few seconds of counts.
 */
final class TrialRecords {
    private static final Logger LOG = LoggerFactory.getLogger(TrialRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String SHADOW = "shadow";
    static final String CANARY = "canary";
    static final String LIVE = "live";

    private final Store store;
    private final Clock clock;
    /** The change count of each saved document ({@code versionId/kind}) when it was last saved. */
    private final Map<String, Long> saved = new ConcurrentHashMap<>();

    TrialRecords(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Production's live accuracy as saved, with the time it has been watched since (epoch milliseconds). */
    record Live(long since, LiveAccuracy.State accuracy) {}

    /** The trial of {@code runtime}'s version in {@code state}, its statistics restored when any were saved. */
    static Trial restore(Store store, ModelState state, TaskRuntime runtime, double canaryShare) {
        String versionId = runtime.version().id();
        if (state == ModelState.SHADOW) {
            ShadowStats stats = read(store, versionId, SHADOW, ShadowStats.State.class).map(ShadowStats::restore)
                    .orElseGet(ShadowStats::new);
            return new Trial(ModelState.SHADOW, runtime, null, stats, null);
        }
        CanaryStats stats = read(store, versionId, CANARY, CanaryStats.State.class).map(CanaryStats::restore)
                .orElseGet(CanaryStats::new);
        return new Trial(ModelState.CANARY, runtime, new CanaryRouter(versionId, canaryShare), null, stats);
    }

    Optional<Live> live(String versionId) {
        return read(store, versionId, LIVE, Live.class);
    }

    /** Saves the trial's statistics when they changed since they were last saved. */
    void save(Trial trial) {
        if (trial.shadow() != null) {
            save(trial.versionId(), SHADOW, trial.shadow().changes(), () -> trial.shadow().state());
        } else {
            save(trial.versionId(), CANARY, trial.canary().changes(), () -> trial.canary().state());
        }
    }

    /** Saves production's live accuracy when it changed since it was last saved. */
    void saveLive(String versionId, Instant since, LiveAccuracy accuracy) {
        save(versionId, LIVE, accuracy.changes(), () -> new Live(since.toEpochMilli(), accuracy.state()));
    }

    private void save(String versionId, String kind, long changes, java.util.function.Supplier<Object> state) {
        String key = versionId + "/" + kind;
        Long before = saved.get(key);
        if (before != null && before == changes) {
            return;
        }
        try {
            store.models().saveTrialStats(versionId, kind, JSON.writeValueAsString(state.get()), clock.instant());
            saved.put(key, changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the " + kind + " statistics of " + versionId + " cannot be written as"
                    + " JSON", e);
        }
    }

    private static <T> Optional<T> read(Store store, String versionId, String kind, Class<T> type) {
        return store.models().trialStats(versionId, kind).flatMap(json -> {
            try {
                return Optional.of(JSON.readValue(json, type));
            } catch (JsonProcessingException e) {
                // Statistics are worth keeping, not worth refusing to serve over: start afresh and say so.
                LOG.warn("the saved {} statistics of model version {} cannot be read ({}); they start afresh", kind,
                        versionId, e.getOriginalMessage());
                return Optional.empty();
            }
        });
    }
}
