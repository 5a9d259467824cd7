package dev.stratum.llm.privacy;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Made-up identifiers for tests, with their check digits computed here (independently of the code under test) and
 * never copied from anywhere: each call draws fresh digits from the seeded random source. The {@code broken} forms
 * have one check digit changed, so they must not be detected.
 */
final class Planted {
    private final Random random;

    Planted(long seed) {
        this.random = new Random(seed);
    }

    String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    // ---- payment cards: issuer prefix, random digits, Luhn digit

    String cardDigits() {
        return cardDigits(pick(List.of(16, 16, 16, 19)));
    }

    /** A card of {@code length} digits, or 15 for American Express. */
    String cardDigits(int length) {
        String prefix = pick(List.of("4", "51", "52", "53", "54", "55", "2221", "2720", "34", "37", "6011", "65"));
        length = prefix.startsWith("3") ? 15 : length;
        String body = prefix + digits(length - 1 - prefix.length());
        return body + luhnDigit(body);
    }

    /** The digit that makes {@code body} + digit pass Luhn: double every second digit from the right of the result. */
    static int luhnDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    String card() {
        return format(cardDigits());
    }

    String format(String digits) {
        return switch (random.nextInt(3)) {
            case 0 -> digits;
            case 1 -> grouped(digits, " ");
            default -> grouped(digits, "-");
        };
    }

    // ---- IBANs: random domestic part, check digits 98 - (rearranged number with 00) mod 97

    String ibanCompact() {
        String country = pick(List.of("DE", "GB", "FR", "NL", "BR", "ES", "IT", "PT", "CH", "NO"));
        int length = switch (country) {
            case "DE", "GB" -> 22;
            case "FR", "IT" -> 27;
            case "NL" -> 18;
            case "BR" -> 29;
            case "ES" -> 24;
            case "PT" -> 25;
            case "CH" -> 21;
            default -> 15;
        };
        String bban = switch (country) {
            case "GB", "NL" -> letters(4) + digits(length - 8);
            case "IT" -> letters(1) + digits(length - 5);
            default -> digits(length - 4);
        };
        return country + ibanCheck(country, bban) + bban;
    }

    static String ibanCheck(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return check < 10 ? "0" + check : String.valueOf(check);
    }

    String iban() {
        String compact = ibanCompact();
        return random.nextBoolean() ? compact : grouped4(compact);
    }

    // ---- CPF and CNPJ: weighted sums mod 11

    String cpfDigits() {
        String base;
        do {
            base = digits(9);
        } while (base.chars().distinct().count() == 1);
        String withFirst = base + mod11(base, new int[] {10, 9, 8, 7, 6, 5, 4, 3, 2});
        return withFirst + mod11(withFirst, new int[] {11, 10, 9, 8, 7, 6, 5, 4, 3, 2});
    }

    String cpf() {
        String d = cpfDigits();
        return random.nextBoolean() ? d
                : d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6, 9) + "-" + d.substring(9);
    }

    String cnpjDigits() {
        String base = digits(8) + "0001";
        String withFirst = base + mod11(base, new int[] {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2});
        return withFirst + mod11(withFirst, new int[] {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2});
    }

    String cnpj() {
        String d = cnpjDigits();
        return random.nextBoolean() ? d
                : d.substring(0, 2) + "." + d.substring(2, 5) + "." + d.substring(5, 8) + "/" + d.substring(8, 12)
                        + "-" + d.substring(12);
    }

    static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    // ---- the rest

    String ssn() {
        int area;
        do {
            area = between(1, 899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, between(1, 99), between(1, 9999));
    }

    String email() {
        return pick(List.of("ana", "j.doe", "m_silva", "ops+billing", "k.nowak")) + digits(3) + "@"
                + pick(List.of("example.com", "mail.example.org", "corp.example.net", "example.co.uk"));
    }

    String phone() {
        return switch (random.nextInt(7)) {
            case 0 -> "+44 20 " + between(2000, 8999) + " " + digits(4);
            case 1 -> "(" + between(201, 989) + ") " + between(200, 999) + "-" + digits(4);
            case 2 -> "+55 11 9" + digits(4) + "-" + digits(4);
            case 3 -> "0" + between(20, 99) + " " + digits(4) + " " + digits(4);
            case 4 -> "+1-" + between(201, 989) + "-" + between(200, 999) + "-" + digits(4);
            case 5 -> "+49" + between(151, 179) + digits(7);
            default -> "(" + between(11, 99) + ") 9" + digits(4) + "-" + digits(4);
        };
    }

    String ipv4() {
        return between(1, 223) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    String ipv6() {
        StringBuilder s = new StringBuilder("2001:db8");
        int groups = random.nextBoolean() ? 6 : 2;
        if (groups == 2) {
            s.append(":");
        }
        for (int i = 0; i < groups; i++) {
            s.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
        }
        return s.toString();
    }

    String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('A' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** {@code value} with its last digit changed, so that a check digit no longer holds. */
    static String breakLastDigit(String value) {
        int i = value.length() - 1;
        while (!Character.isDigit(value.charAt(i))) {
            i--;
        }
        char changed = (char) ('0' + (value.charAt(i) - '0' + 5) % 10);
        return value.substring(0, i) + changed + value.substring(i + 1);
    }

    static String grouped(String digits, String separator) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 4) {
            s.append(i == 0 ? "" : separator).append(digits, i, Math.min(digits.length(), i + 4));
        }
        return s.toString();
    }

    static String grouped4(String compact) {
        return grouped(compact, " ");
    }
}
