package dev.stratum.llm.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the personal identifiers of {@link PiiKind} in a text. Numbers with check digits (cards, IBANs, CPF, CNPJ)
 * count only when the check holds, so that lookalikes (amounts, invoice and order numbers) are left alone; phone
 * numbers need a shape that amounts and dates do not have (a leading {@code +}, a trunk {@code 0} or a
 * North-American or Brazilian grouping), and none is taken from inside a number that has the shape of a checked
 * identifier but fails its check.
 */
final class PiiDetector {
    /** Neither a letter nor a digit, in any script, may touch an identifier. */
    private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}";
    private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}]";
    private static final Set<PiiKind> CHECKED = EnumSet.of(PiiKind.PAYMENT_CARD, PiiKind.IBAN, PiiKind.CPF,
            PiiKind.CNPJ, PiiKind.SSN);
    private static final List<PiiKind> STRENGTH = List.of(PiiKind.EMAIL, PiiKind.IBAN, PiiKind.CNPJ, PiiKind.CPF,
            PiiKind.PAYMENT_CARD, PiiKind.SSN, PiiKind.IP_ADDRESS, PiiKind.PHONE, PiiKind.PERSON_NAME);

    private record Rule(PiiKind kind, Pattern pattern, int group, Predicate<String> valid) {
        Rule(PiiKind kind, String regex, Predicate<String> valid) {
            this(kind, Pattern.compile(regex), 0, valid);
        }
    }

    private static final String IPV4 = "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    private static final List<Rule> RULES = List.of(
            new Rule(PiiKind.EMAIL, NOT_AFTER_WORD + "._%+\\-])[A-Za-z0-9._%+\\-]+@"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}" + NOT_BEFORE_WORD + "|-)",
                    s -> !s.startsWith(".") && !s.contains("..")),
            new Rule(PiiKind.CPF, NOT_AFTER_WORD + "./\\-])(?:\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{11})"
                    + NOT_BEFORE_WORD + "|[./\\-]\\d)", s -> Checksums.cpf(digits(s))),
            new Rule(PiiKind.CNPJ, NOT_AFTER_WORD + "./\\-])(?:\\d{2}\\.\\d{3}\\.\\d{3}/\\d{4}-\\d{2}|\\d{14})"
                    + NOT_BEFORE_WORD + "|[./\\-]\\d)", s -> Checksums.cnpj(digits(s))),
            new Rule(PiiKind.SSN, NOT_AFTER_WORD + "\\-])\\d{3}-\\d{2}-\\d{4}" + NOT_BEFORE_WORD + "|-\\d)",
                    s -> Checksums.ssn(digits(s))),
            // Nine bare digits are an SSN only where the text says so: otherwise they are as likely an order number.
            new Rule(PiiKind.SSN, Pattern.compile("(?i)\\b(?:ssn|social\\s+security(?:\\s+(?:number|no\\.?))?)"
                    + "\\s*(?:#|:|is|number)?\\s*(\\d{3} ?\\d{2} ?\\d{4})" + NOT_BEFORE_WORD + ")"), 1,
                    s -> Checksums.ssn(digits(s))),
            new Rule(PiiKind.IP_ADDRESS, NOT_AFTER_WORD + ".])" + IPV4 + NOT_BEFORE_WORD + "|\\.\\d)", s -> true),
            new Rule(PiiKind.IP_ADDRESS, NOT_AFTER_WORD + ":.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|" + IPV4
                    + ")?" + NOT_BEFORE_WORD + "|[:.][0-9A-Fa-f])", PiiDetector::isIpv6),
            // International: a + and 8 to 15 digits (E.164), single spaces, dots, dashes or a bracketed area code
            new Rule(PiiKind.PHONE, NOT_AFTER_WORD + "+])\\+\\d(?:[ .\\-]?(?:\\(\\d{1,4}\\)|\\d)){6,14}"
                    + NOT_BEFORE_WORD + "|[.\\-]?\\d)", s -> digitCount(s, 8, 15) && !s.matches("\\+\\d+[.,]\\d{1,2}")),
            // North American: (415) 555-0132, 415-555-0132, 1 415 555 0132; area and exchange do not start with 0 or 1
            new Rule(PiiKind.PHONE, NOT_AFTER_WORD + "+.\\-])(?:1[ .\\-])?(?:\\([2-9]\\d{2}\\) ?|[2-9]\\d{2}[ .\\-])"
                    + "[2-9]\\d{2}[ .\\-]\\d{4}" + NOT_BEFORE_WORD + "|[.\\-]\\d)", s -> true),
            // National with a trunk 0: 020 7946 0958, (0xx) ..., 06 12 34 56 78, with one kind of separator; dates
            // have too few digits
            new Rule(PiiKind.PHONE, NOT_AFTER_WORD + "+./\\-])(?:\\(0\\d{1,4}\\) ?|0\\d{1,4}[ .\\-])\\d{2,8}"
                    + "(?:[ .\\-]\\d{2,5}){0,3}" + NOT_BEFORE_WORD + "|[.\\-/:]\\d)",
                    s -> digitCount(s, 9, 12) && s.replaceAll("[\\d()]", "").chars().distinct().count() <= 1),
            // Brazilian: (11) 98765-4321, (21) 3456-7890, 11 98765-4321 (a bare area code only before a mobile's 9)
            new Rule(PiiKind.PHONE, NOT_AFTER_WORD + "+.\\-])(?:\\([1-9]\\d\\) ?(?:9\\d{4}|[2-5]\\d{3})|[1-9]\\d 9\\d{4})"
                    + "-\\d{4}" + NOT_BEFORE_WORD + "|[.\\-]\\d)", s -> true));

    /** Runs of digit groups; a run starts after neither a letter or digit nor a group it would continue. */
    private static final Pattern DIGIT_GROUPS =
            Pattern.compile(NOT_AFTER_WORD + "])(?<!\\p{N}[ \\-])\\d+(?:[ \\-]\\d+)*");
    private static final Pattern IBAN_START = Pattern.compile(NOT_AFTER_WORD + "])[A-Za-z]{2}\\d{2}");

    private final NameList names;

    PiiDetector(Collection<String> names) {
        this.names = new NameList(names);
    }

    /**
     * Every identifier in {@code text}, without overlaps, in order of position. Where two overlap, the longer one
     * wins, then the stronger kind.
     */
    List<Found> find(String text) {
        List<Found> candidates = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                String value = m.group(rule.group());
                boolean valid = rule.valid().test(value);
                if (valid || CHECKED.contains(rule.kind())) {
                    candidates.add(new Found(rule.kind(), m.start(rule.group()), m.end(rule.group()), value, !valid));
                }
            }
        }
        candidates.addAll(cards(text));
        candidates.addAll(ibans(text));
        candidates.addAll(names.find(text));
        return withoutOverlaps(candidates);
    }

    /**
     * Card numbers: 13 to 19 digits, whole or in groups of at least 3 with one kind of separator, starting with 2 to
     * 6 (the issuers of payment cards) and passing the Luhn check. Any run of groups is tried, longest first, so that
     * a card next to other numbers ("4111 1111 1111 1111 12 25") is still found.
     */
    private static List<Found> cards(String text) {
        List<Found> found = new ArrayList<>();
        Matcher m = DIGIT_GROUPS.matcher(text);
        while (m.find()) {
            if (m.end() < text.length() && Character.isLetter(text.charAt(m.end()))) {
                continue;
            }
            List<int[]> groups = new ArrayList<>();
            Matcher g = Pattern.compile("\\d+").matcher(text).region(m.start(), m.end());
            while (g.find()) {
                groups.add(new int[] {g.start(), g.end()});
            }
            for (int first = 0; first < groups.size(); first++) {
                int[] last = cardEndsFrom(text, groups, first);
                int start = groups.get(first)[0];
                if (last[1] >= 0 && last[1] != last[0]) {
                    int end = groups.get(last[1])[1];
                    found.add(new Found(PiiKind.PAYMENT_CARD, start, end, text.substring(start, end), true));
                }
                if (last[0] >= 0) {
                    int end = groups.get(last[0])[1];
                    found.add(new Found(PiiKind.PAYMENT_CARD, start, end, text.substring(start, end)));
                }
            }
        }
        return found;
    }

    /** The last group of the longest valid card from group {@code first}, and of the longest card-shaped run; or -1. */
    private static int[] cardEndsFrom(String text, List<int[]> groups, int first) {
        int best = -1;
        int longest = -1;
        StringBuilder digits = new StringBuilder();
        char separator = 0;
        for (int i = first; i < groups.size(); i++) {
            int[] group = groups.get(i);
            if (i > first) {
                char s = text.charAt(group[0] - 1);
                if (separator != 0 && s != separator) {
                    break;
                }
                separator = s;
            }
            if (group[1] - group[0] < 3 && groups.size() > 1) {
                break;
            }
            digits.append(text, group[0], group[1]);
            if (digits.length() > 19) {
                break;
            }
            if (digits.length() >= 13) {
                longest = i;
                char issuer = digits.charAt(0);
                if (issuer >= '2' && issuer <= '6' && Checksums.luhn(digits.toString())) {
                    best = i;
                }
            }
        }
        return new int[] {best, longest};
    }

    /**
     * IBANs: a country code and check digits, then exactly as many letters and digits as that country's IBANs have
     * (single spaces allowed between them, as in the printed form), then the mod-97 check.
     */
    private static List<Found> ibans(String text) {
        List<Found> found = new ArrayList<>();
        Matcher m = IBAN_START.matcher(text);
        while (m.find()) {
            Integer length = Checksums.IBAN_LENGTHS.get(text.substring(m.start(), m.start() + 2).toUpperCase(Locale.ROOT));
            if (length == null) {
                continue;
            }
            StringBuilder compact = new StringBuilder(text.substring(m.start(), m.end()));
            int i = m.end();
            while (compact.length() < length && i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' && i + 1 < text.length() && isAsciiAlnum(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                if (!isAsciiAlnum(c)) {
                    break;
                }
                compact.append(c);
                i++;
            }
            boolean bounded = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
            if (compact.length() == length && bounded) {
                boolean valid = Checksums.iban(compact.toString().toUpperCase(Locale.ROOT));
                found.add(new Found(PiiKind.IBAN, m.start(), i, text.substring(m.start(), i), !valid));
            }
        }
        return found;
    }

    static boolean isIpv6(String candidate) {
        String s = candidate;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') > lastColon) {
            s = s.substring(0, lastColon + 1) + "0:0"; // an IPv4 tail counts as two groups; the regex checked it
        }
        if (s.contains(":::") || s.replace(":", "").isEmpty()) {
            return false;
        }
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return false;
        }
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String group : half.split(":", -1)) {
                if (!group.matches("[0-9A-Fa-f]{1,4}")) {
                    return false;
                }
                groups++;
            }
        }
        return halves.length == 2 ? groups <= 7 : groups == 8;
    }

    private static List<Found> withoutOverlaps(List<Found> candidates) {
        List<Found> genuine = new ArrayList<>(candidates.stream().filter(f -> !f.lookalike()).toList());
        genuine.sort(Comparator.comparingInt((Found f) -> f.start() - f.end())
                .thenComparingInt(f -> STRENGTH.indexOf(f.kind()))
                .thenComparingInt(Found::start));
        List<Found> kept = new ArrayList<>();
        for (Found candidate : genuine) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        // A phone number inside a mistyped card number, CPF or SSN is a misreading of it, and so is anything inside
        // a mistyped IBAN. Other lookalikes hide nothing that passes its own check: a card followed by its
        // security code fails Luhn as a whole, and the card must still be found.
        List<Found> lookalikes = candidates.stream().filter(Found::lookalike).toList();
        kept.removeIf(f -> lookalikes.stream().anyMatch(l -> l.overlaps(f)
                && (f.kind() == PiiKind.PHONE || (l.kind() == PiiKind.IBAN && l.start() <= f.start()
                        && f.end() <= l.end()))));
        kept.sort(Comparator.comparingInt(Found::start));
        return kept;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    private static boolean digitCount(String s, int min, int max) {
        int n = digits(s).length();
        return n >= min && n <= max;
    }
}
