package dev.stratum.llm.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names from a configured list, found as whole words in any case. A name of several words matches them
 * separated by spaces (or an initial's dot and a space); a possessive {@code 's} after a name is not part of it. A
 * set lookup per word keeps a list of many thousands of names cheap.
 */
final class NameList {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['’\\-][\\p{L}\\p{M}\\p{N}]+)*");
    private static final Pattern GAP = Pattern.compile("\\.?\\s+");

    private final Set<String> names = new HashSet<>();
    private int longest;

    NameList(Collection<String> entries) {
        for (String entry : entries) {
            List<String> words = new ArrayList<>();
            Matcher m = WORD.matcher(entry);
            while (m.find()) {
                words.add(m.group().toLowerCase(Locale.ROOT));
            }
            if (!words.isEmpty()) {
                names.add(String.join(" ", words));
                longest = Math.max(longest, words.size());
            }
        }
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    List<Found> find(String text) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < words.size(); ) {
            int end = longestNameAt(text, words, i);
            if (end < 0) {
                i++;
                continue;
            }
            found.add(new Found(PiiKind.PERSON_NAME, words.get(i)[0], end, text.substring(words.get(i)[0], end)));
            while (i < words.size() && words.get(i)[0] < end) {
                i++;
            }
        }
        return found;
    }

    /** Where the longest listed name that starts at word {@code first} ends, or -1. */
    private int longestNameAt(String text, List<int[]> words, int first) {
        StringBuilder key = new StringBuilder();
        int best = -1;
        for (int i = first; i < words.size() && i - first < longest; i++) {
            if (i > first) {
                if (!GAP.matcher(text).region(words.get(i - 1)[1], words.get(i)[0]).matches()) {
                    break;
                }
                key.append(' ');
            }
            String word = text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
            key.append(word);
            if (names.contains(key.toString())) {
                best = words.get(i)[1];
            } else if (word.endsWith("'s") || word.endsWith("’s")) {
                // "Maria's": the name is the word without its possessive, and no name goes on past it
                if (names.contains(key.substring(0, key.length() - 2))) {
                    best = words.get(i)[1] - 2;
                }
                break;
            }
        }
        return best;
    }
}
