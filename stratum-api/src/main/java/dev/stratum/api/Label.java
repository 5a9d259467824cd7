package dev.stratum.api;

/**
 * One class of a task's taxonomy. The description, when present, is what the general model embeds for
 * zero-shot classification, so a good one reads like the texts that belong to the label.
 */
public record Label(String name, String description) {
    public static final int MAX_NAME_LENGTH = 200;

    public Label {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("invalid_label", "a label needs a non-empty name");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("invalid_label",
                    "label name '" + name.substring(0, 40) + "...' is " + name.length()
                            + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        description = description == null || description.isBlank() ? null : description.strip();
    }

    /** The text the general model embeds for this label: its name, plus its description when there is one. */
    public String promptText() {
        String readable = name.replace('_', ' ').replace('-', ' ').replace('/', ' ');
        return description == null ? readable : readable + ": " + description;
    }
}
