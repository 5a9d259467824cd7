package dev.stratum.api.odd;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratum.api.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;

/** What Stratum does with a prediction that breaks a rule of its task's {@link OddPolicy}. */
public enum OddAction {
    /** Answer without a label, giving the reason (and the candidate labels, when there are some). */
    ABSTAIN,
    /** Abstain, and put the item in the task's review queue so that a person answers it. */
    REVIEW,
    /** Let another layer answer instead (for example the general model), if it passes the rules. */
    FALLBACK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OddAction parse(String value) {
        for (OddAction action : values()) {
            if (action.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return action;
            }
        }
        throw new InvalidRequestException("invalid_odd_policy", "ODD action '" + value + "' is not known; use one of "
                + Arrays.stream(values()).map(OddAction::wireName).toList());
    }
}
