package dev.stratum.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a person said about a prediction. */
public enum FeedbackAction {
    /** The predicted label is right. */
    ACCEPT,
    /** The predicted label is wrong; the feedback carries the right one. */
    CORRECT,
    /** The prediction should not have been made (for example the input is out of scope). */
    REJECT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FeedbackAction parse(String value) {
        for (FeedbackAction action : values()) {
            if (action.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return action;
            }
        }
        throw new InvalidRequestException("invalid_feedback_action", "feedback action '" + value
                + "' is not known; use one of " + Arrays.stream(values()).map(FeedbackAction::wireName).toList());
    }
}
