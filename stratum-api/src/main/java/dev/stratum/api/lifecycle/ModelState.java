package dev.stratum.api.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratum.api.ConflictException;
import dev.stratum.api.InvalidRequestException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a model version stands in its life. A version is registered as a candidate and moves forwards only:
 * <pre>
 *   candidate -> shadow | canary | production | retired
 *   shadow    -> canary | production | retired
 *   canary    -> production | retired
 *   production -> retired
 *   retired   -> production, only if it served in production before (a rollback)
 * </pre>
 * Skipping shadow or canary is allowed, because a person may promote a candidate the gate passed, and a first
 * version has no production to be shadowed against. A retired version that never served stays retired: it was
 * refused or abandoned, and coming back would skip the checks it never finished.
 */
public enum ModelState {
    /** Trained and registered; not serving. */
    CANDIDATE,
    /** Predicting on live traffic beside production, without answering. */
    SHADOW,
    /** Answering a share of live traffic. */
    CANARY,
    /** Answering the task's traffic. */
    PRODUCTION,
    /** Not serving any more. */
    RETIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ModelState parse(String value) {
        for (ModelState state : values()) {
            if (state.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return state;
            }
        }
        throw new InvalidRequestException("unknown_model_state", "model state '" + value + "' is not known; use one"
                + " of " + Arrays.stream(values()).map(ModelState::wireName).toList());
    }

    /**
     * The states a version in this state may move to.
     *
     * @param servedInProduction whether the version was ever in production (only matters for {@link #RETIRED})
     */
    public Set<ModelState> next(boolean servedInProduction) {
        return switch (this) {
            case CANDIDATE -> EnumSet.of(SHADOW, CANARY, PRODUCTION, RETIRED);
            case SHADOW -> EnumSet.of(CANARY, PRODUCTION, RETIRED);
            case CANARY -> EnumSet.of(PRODUCTION, RETIRED);
            case PRODUCTION -> EnumSet.of(RETIRED);
            case RETIRED -> servedInProduction ? EnumSet.of(PRODUCTION) : EnumSet.noneOf(ModelState.class);
        };
    }

    /**
     * Throws unless a version in this state may move to {@code to}.
     *
     * @throws ConflictException {@code model_state_unchanged} when it is already there, {@code never_in_production}
     *     for a rollback to a version that never served, {@code invalid_model_transition} for any other move that
     *     is not allowed; each message names the version and what it can do instead
     */
    public void requireTransition(String versionId, ModelState to, boolean servedInProduction) {
        if (to == this) {
            throw new ConflictException("model_state_unchanged", "version " + versionId + " is already "
                    + wireName() + "; nothing to change");
        }
        if (next(servedInProduction).contains(to)) {
            return;
        }
        if (this == RETIRED && to == PRODUCTION) {
            throw new ConflictException("never_in_production", "version " + versionId + " was retired without ever"
                    + " serving in production, so there is nothing to roll back to; roll back to a version that"
                    + " served, or train a new candidate");
        }
        Set<ModelState> allowed = next(servedInProduction);
        throw new ConflictException("invalid_model_transition", "version " + versionId + " is " + wireName()
                + " and cannot become " + to.wireName() + "; from " + wireName() + " it can become "
                + (allowed.isEmpty() ? "nothing else" : allowed.stream().map(ModelState::wireName)
                        .collect(Collectors.joining(" or "))));
    }
}
