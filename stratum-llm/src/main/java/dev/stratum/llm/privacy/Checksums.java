package dev.stratum.llm.privacy;

import java.util.Map;

/**
 * The check digits that tell a real identifier from a number that merely looks like one. Each method takes the
 * identifier's characters without separators.
 */
final class Checksums {
    /** Characters per IBAN, country code and check digits included, from the SWIFT IBAN registry. */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    private static final int[] CNPJ_WEIGHTS = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};

    private Checksums() {}

    /** The Luhn check of payment card numbers: the digits, every second one doubled from the right, sum to 0 mod 10. */
    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: with the first four characters moved to the end and letters as 10 to 35, the number is 1 mod 97. */
    static boolean iban(String compact) {
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = (value < 10 ? remainder * 10 : remainder * 100) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }

    /** Brazil's CPF: 9 digits and two check digits, each a weighted sum mod 11; all-equal digits are not issued. */
    static boolean cpf(String digits) {
        return digits.length() == 11 && !allSame(digits)
                && mod11Digit(digits, 9, 10) == digits.charAt(9) - '0'
                && mod11Digit(digits, 10, 11) == digits.charAt(10) - '0';
    }

    /** Brazil's CNPJ: 12 digits and two check digits with the weights 5..2, 9..2 and 6..2, 9..2. */
    static boolean cnpj(String digits) {
        return digits.length() == 14 && !allSame(digits)
                && cnpjDigit(digits, 12) == digits.charAt(12) - '0'
                && cnpjDigit(digits, 13) == digits.charAt(13) - '0';
    }

    /**
     * A US social security number as issued: area 001 to 899 but not 666, group 01 to 99, serial 0001 to 9999; and
     * not one of the two numbers that were printed on sample cards and are void.
     */
    static boolean ssn(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !digits.equals("078051120") && !digits.equals("219099999");
    }

    static int mod11Digit(String digits, int count, int firstWeight) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (digits.charAt(i) - '0') * (firstWeight - i);
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    static int cnpjDigit(String digits, int count) {
        int sum = 0;
        int offset = CNPJ_WEIGHTS.length - count;
        for (int i = 0; i < count; i++) {
            sum += (digits.charAt(i) - '0') * CNPJ_WEIGHTS[offset + i];
        }
        int r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    private static boolean allSame(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }
}
