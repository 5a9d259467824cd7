package dev.stratum.api.lifecycle;

import dev.stratum.api.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One move of a model version from one {@link ModelState} to another: who made it, why and when. A version's
 * history is the list of its changes, oldest first; a version with no changes is a {@link ModelState#CANDIDATE}.
 *
 * @param actor who made the change: a user or API key name, or the policy that decided ("policy: auto-promote")
 * @param reason why, in words ("gate passed, shadow agreement 0.97", "rollback: live accuracy fell 8 points")
 */
public record StateChange(String versionId, ModelState from, ModelState to, String actor, String reason,
        Instant time) {
    public StateChange {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(time, "time");
        if (actor == null || actor.isBlank()) {
            throw new InvalidRequestException("missing_actor", "a change of version " + versionId + " from "
                    + from.wireName() + " to " + to.wireName() + " needs an actor: who or what made it");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("missing_reason", "a change of version " + versionId + " from "
                    + from.wireName() + " to " + to.wireName() + " needs a reason, so that its history says why");
        }
    }

    /** The state a version is in after this history of its changes (oldest first). */
    public static ModelState current(List<StateChange> history) {
        return history.isEmpty() ? ModelState.CANDIDATE : history.get(history.size() - 1).to();
    }

    /** Whether a version with this history ever served in production. */
    public static boolean servedInProduction(List<StateChange> history) {
        return history.stream().anyMatch(change -> change.to() == ModelState.PRODUCTION);
    }

    /**
     * The next change of a version, checked against its history.
     *
     * @param history the version's changes so far, oldest first
     * @throws dev.stratum.api.ConflictException when the move is not allowed; see {@link
     *     ModelState#requireTransition}
     */
    public static StateChange next(String versionId, List<StateChange> history, ModelState to, String actor,
            String reason, Instant time) {
        for (StateChange change : history) {
            if (!change.versionId().equals(versionId)) {
                throw new IllegalArgumentException("the history of version " + versionId + " holds a change of "
                        + change.versionId());
            }
        }
        ModelState from = current(history);
        from.requireTransition(versionId, to, servedInProduction(history));
        return new StateChange(versionId, from, to, actor, reason, time);
    }
}
