package dev.stratum.api.odd;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stratum.api.WireNames;

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
        return WireNames.of(this);
    }

    @JsonCreator
    public static OddAction parse(String value) {
        return WireNames.parse(values(), value, "invalid_odd_policy", "ODD action");
    }
}
