package dev.stratum.lifecycle;

import static dev.stratum.api.lifecycle.ModelState.CANARY;
import static dev.stratum.api.lifecycle.ModelState.CANDIDATE;
import static dev.stratum.api.lifecycle.ModelState.PRODUCTION;
import static dev.stratum.api.lifecycle.ModelState.RETIRED;
import static dev.stratum.api.lifecycle.ModelState.SHADOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.ConflictException;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.StratumException;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.lifecycle.StateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelStateTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    /** The allowed moves as the issue describes them, written out pair by pair. */
    private static final Set<String> ALLOWED = Set.of(
            "CANDIDATE>SHADOW", "CANDIDATE>CANARY", "CANDIDATE>PRODUCTION", "CANDIDATE>RETIRED",
            "SHADOW>CANARY", "SHADOW>PRODUCTION", "SHADOW>RETIRED",
            "CANARY>PRODUCTION", "CANARY>RETIRED",
            "PRODUCTION>RETIRED");

    @Test
    void requireTransition_everyPair_allowsExactlyTheForwardMoves() {
        for (ModelState from : ModelState.values()) {
            for (ModelState to : ModelState.values()) {
                String move = from + ">" + to;
                if (ALLOWED.contains(move)) {
                    assertThatCode(() -> from.requireTransition("v1", to, false)).as(move).doesNotThrowAnyException();
                } else {
                    assertThatThrownBy(() -> from.requireTransition("v1", to, false)).as(move)
                            .isInstanceOf(ConflictException.class);
                }
            }
        }
    }

    @Test
    void requireTransition_retiredThatServed_mayOnlyReturnToProduction() {
        assertThatCode(() -> RETIRED.requireTransition("expenses-v2", PRODUCTION, true)).doesNotThrowAnyException();
        for (ModelState to : List.of(CANDIDATE, SHADOW, CANARY)) {
            assertThatThrownBy(() -> RETIRED.requireTransition("expenses-v2", to, true))
                    .isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void requireTransition_rollbackToAVersionThatNeverServed_saysSo() {
        assertThatThrownBy(() -> RETIRED.requireTransition("expenses-v4", PRODUCTION, false))
                .isInstanceOf(ConflictException.class)
                .hasMessage("version expenses-v4 was retired without ever serving in production, so there is nothing"
                        + " to roll back to; roll back to a version that served, or train a new candidate")
                .extracting(e -> ((StratumException) e).code()).isEqualTo("never_in_production");
    }

    @Test
    void requireTransition_notAllowed_namesTheMovesThatAre() {
        assertThatThrownBy(() -> CANARY.requireTransition("expenses-v3", SHADOW, false))
                .hasMessage("version expenses-v3 is canary and cannot become shadow; from canary it can become"
                        + " production or retired")
                .extracting(e -> ((StratumException) e).code()).isEqualTo("invalid_model_transition");
        assertThatThrownBy(() -> PRODUCTION.requireTransition("expenses-v3", PRODUCTION, true))
                .hasMessage("version expenses-v3 is already production; nothing to change")
                .extracting(e -> ((StratumException) e).code()).isEqualTo("model_state_unchanged");
    }

    @Test
    void next_followsTheHistory_throughPromotionRetirementAndRollback() {
        List<StateChange> history = new ArrayList<>();
        for (ModelState to : List.of(SHADOW, CANARY, PRODUCTION, RETIRED, PRODUCTION)) {
            StateChange change = StateChange.next("expenses-v2", history, to, "ops", "test", T);
            assertThat(change.from()).isEqualTo(StateChange.current(history));
            history.add(change);
        }
        assertThat(history).extracting(StateChange::to).containsExactly(SHADOW, CANARY, PRODUCTION, RETIRED,
                PRODUCTION);
        assertThat(StateChange.servedInProduction(history)).isTrue();
    }

    @Test
    void next_retiredFromShadow_cannotBeRolledBackTo() {
        List<StateChange> history = List.of(
                new StateChange("expenses-v4", CANDIDATE, SHADOW, "policy", "gate passed", T),
                new StateChange("expenses-v4", SHADOW, RETIRED, "ops", "agreement too low", T));
        assertThatThrownBy(() -> StateChange.next("expenses-v4", history, PRODUCTION, "ops", "rollback", T))
                .extracting(e -> ((StratumException) e).code()).isEqualTo("never_in_production");
    }

    @Test
    void next_withoutHistory_startsFromCandidate() {
        assertThat(StateChange.next("v1", List.of(), PRODUCTION, "ops", "first version", T).from())
                .isEqualTo(CANDIDATE);
    }

    @Test
    void stateChange_blankActorOrReason_isRefusedWithWhatIsMissing() {
        assertThatThrownBy(() -> new StateChange("v1", CANDIDATE, SHADOW, " ", "why", T))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a change of version v1 from candidate to shadow needs an actor: who or what made it");
        assertThatThrownBy(() -> new StateChange("v1", CANDIDATE, SHADOW, "ops", "", T))
                .extracting(e -> ((StratumException) e).code()).isEqualTo("missing_reason");
    }

    @Test
    void parse_wireNames_roundTripAndUnknownNamesListTheKnown() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        for (ModelState state : ModelState.values()) {
            assertThat(ModelState.parse(" " + state.wireName().toUpperCase() + " ")).isEqualTo(state);
            assertThat(json.readValue(json.writeValueAsString(state), ModelState.class)).isEqualTo(state);
        }
        assertThat(json.writeValueAsString(CANARY)).isEqualTo("\"canary\"");
        assertThatThrownBy(() -> ModelState.parse("live"))
                .hasMessage("model state 'live' is not known; use one of [candidate, shadow, canary, production,"
                        + " retired]");
    }
}
