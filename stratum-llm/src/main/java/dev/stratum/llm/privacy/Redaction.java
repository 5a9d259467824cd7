package dev.stratum.llm.privacy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The texts of one request as they may leave the machine, and the way back: {@link #restore} puts the original
 * values in place of their placeholders in the provider's answer. Restoring is plain text replacement, and the
 * values found never contain a quote, a backslash or a control character, so placeholders inside JSON strings come
 * back as valid JSON too.
 */
public final class Redaction {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[("
            + Stream.of(PiiKind.values()).map(PiiKind::tag).collect(Collectors.joining("|")) + ")_(\\d{1,9})]");

    private final List<String> texts;
    private final Map<String, String> originals;
    private final Map<PiiKind, Integer> found;

    Redaction(List<String> texts, Map<String, String> originals, Map<PiiKind, Integer> found) {
        this.texts = List.copyOf(texts);
        this.originals = Map.copyOf(originals);
        this.found = found.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(found));
    }

    /** The texts to send, in the order given, with placeholders in place of identifiers. */
    public List<String> texts() {
        return texts;
    }

    /** How many distinct values of each kind were replaced; empty when nothing was. */
    public Map<PiiKind, Integer> found() {
        return found;
    }

    /** Describes {@link #found()} for logs, in kinds and counts only: "1 e-mail address and 2 IBANs". */
    public String summary() {
        return found.isEmpty() ? "no identifiers" : PiiRedactor.describe(found);
    }

    /** {@code answer} with every placeholder of this request replaced by its value; other text is left as it is. */
    public String restore(String answer) {
        if (answer == null || originals.isEmpty()) {
            return answer;
        }
        Matcher m = PLACEHOLDER.matcher(answer);
        return m.replaceAll(match -> Matcher.quoteReplacement(originals.getOrDefault(match.group(), match.group())));
    }

    /** Never the values: a redaction may end up in a log. */
    @Override
    public String toString() {
        return "Redaction[" + texts.size() + " texts, " + summary() + "]";
    }
}
