package dev.stratum.llm.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorTest {
    private static final PiiDetector DETECTOR = new PiiDetector(List.of("Maria Oliveira", "Jan Kowalski", "Zoë"));

    private static List<String> found(String text, PiiKind kind) {
        return DETECTOR.find(text).stream().filter(f -> f.kind() == kind).map(Found::value).toList();
    }

    private static void assertFinds(String text, PiiKind kind, String value) {
        assertThat(DETECTOR.find(text)).as(text).extracting(Found::kind, Found::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(kind, value));
    }

    @Test
    void should_find_generated_identifiers_of_every_kind_and_not_their_broken_twins() {
        Planted planted = new Planted(7);
        for (int i = 0; i < 200; i++) {
            String card = planted.card();
            assertFinds("Paid with " + card + " yesterday", PiiKind.PAYMENT_CARD, card);
            String card16 = planted.format(planted.cardDigits(16));
            assertThat(DETECTOR.find("Paid with " + Planted.breakLastDigit(card16) + " yesterday")).isEmpty();

            String iban = planted.iban();
            assertFinds("Transfer to " + iban + ", thanks", PiiKind.IBAN, iban);
            assertThat(DETECTOR.find("Transfer to " + Planted.breakLastDigit(iban) + ", thanks")).isEmpty();

            String cpf = planted.cpf();
            assertFinds("CPF " + cpf, PiiKind.CPF, cpf);
            String cnpj = planted.cnpj();
            assertFinds("CNPJ: " + cnpj + ".", PiiKind.CNPJ, cnpj);
            String ssn = planted.ssn();
            assertFinds("ssn on file " + ssn, PiiKind.SSN, ssn);
        }
    }

    @Test
    void should_leave_cpf_and_cnpj_with_a_wrong_check_digit_alone() {
        Planted planted = new Planted(11);
        for (int i = 0; i < 200; i++) {
            String cpf = planted.cpfDigits();
            String cnpj = planted.cnpjDigits();
            String brokenCpf = Planted.breakLastDigit(cpf);
            String brokenCnpj = Planted.breakLastDigit(cnpj);
            assertThat(DETECTOR.find("CPF " + brokenCpf.substring(0, 3) + "." + brokenCpf.substring(3, 6) + "."
                    + brokenCpf.substring(6, 9) + "-" + brokenCpf.substring(9))).isEmpty();
            assertThat(DETECTOR.find("CNPJ " + brokenCnpj.substring(0, 2) + "." + brokenCnpj.substring(2, 5) + "."
                    + brokenCnpj.substring(5, 8) + "/" + brokenCnpj.substring(8, 12) + "-" + brokenCnpj.substring(12)))
                    .isEmpty();
        }
    }

    @Test
    void should_know_the_check_digits_worked_out_by_hand() {
        // CPF 123456789: 1*10+2*9+...+9*2 = 210, 210 mod 11 = 1 -> 0; then 1*11+...+9*3+0*2 = 255, mod 11 = 2 -> 9
        assertFinds("cpf 123.456.789-09", PiiKind.CPF, "123.456.789-09");
        assertThat(found("cpf 123.456.789-08", PiiKind.CPF)).isEmpty();
        assertThat(found("cpf 111.111.111-11", PiiKind.CPF)).as("all-equal digits pass the sums but are not issued")
                .isEmpty();
        String body = new Planted(3).digits(15);
        assertThat(Checksums.luhn(body + Planted.luhnDigit(body))).isTrue();
        assertThat(Checksums.luhn(body + (Planted.luhnDigit(body) + 1) % 10)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000"})
    void should_not_take_numbers_from_the_never_issued_ssn_ranges(String ssn) {
        assertThat(DETECTOR.find("SSN " + ssn)).isEmpty();
    }

    @Test
    void should_take_nine_bare_digits_as_an_ssn_only_where_the_text_says_so() {
        assertFinds("my social security number is 123456789", PiiKind.SSN, "123456789");
        assertFinds("SSN: 123 45 6789", PiiKind.SSN, "123 45 6789");
        assertThat(DETECTOR.find("order 123456789 shipped")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.silva@example.com", "ops+billing@mail.example.org", "J_Doe-2@corp.example.co.uk"})
    void should_find_email_addresses(String email) {
        assertFinds("Write to " + email + ".", PiiKind.EMAIL, email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+1 (415) 555-0132", "+55 11 98765-4321", "+4915112345678",
            "+33 1 23 45 67 89", "(415) 555-0132", "415-555-0132", "415.555.0132", "1-800-555-0199", "020 7946 0958",
            "07700 900123", "06 12 34 56 78", "(11) 98765-4321", "(21) 3456-7890", "11 98765-4321", "030 12345678"})
    void should_find_phone_numbers_in_international_and_national_formats(String phone) {
        assertFinds("Call me on " + phone + " after lunch", PiiKind.PHONE, phone);
    }

    @Test
    void should_end_an_international_number_where_the_next_number_begins() {
        assertFinds("+44 20 7946 0958 1234 5", PiiKind.PHONE, "+44 20 7946 0958");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Total 1,234.56 EUR", "Total 1.234,56 €", "12 500,00", "$ 4155.50", "+1234567.89",
            "due 2023-10-12", "on 12/10/2023", "on 12.10.2023", "01.02.2023 14:30", "at 10:30:45", "05-01-2023",
            "invoice INV-2023-000123", "invoice 000123456", "order 4155550132", "PO 2023-0042", "ref 123-456-7890",
            "qty 3 x 12.50", "version 1.2.3", "build 20231012-1530", "IBAN-like DE00 1234 5678 9012 3456 78",
            "tracking 1Z999AA10123456784", "room 12 9876-5432", "EAN 4006381333931"})
    void should_leave_amounts_dates_times_and_reference_numbers_alone(String text) {
        assertThat(DETECTOR.find(text)).as(text).isEmpty();
    }

    @Test
    void should_find_ip_addresses_v4_and_v6() {
        assertFinds("from 192.168.10.1.", PiiKind.IP_ADDRESS, "192.168.10.1");
        assertFinds("host 2001:db8:85a3:0:0:8a2e:370:7334 down", PiiKind.IP_ADDRESS, "2001:db8:85a3:0:0:8a2e:370:7334");
        assertFinds("host 2001:db8::1 down", PiiKind.IP_ADDRESS, "2001:db8::1");
        assertFinds("mapped ::ffff:10.0.0.7 here", PiiKind.IP_ADDRESS, "::ffff:10.0.0.7");
        assertThat(DETECTOR.find("999.1.1.1 and 10.0.0 and 12:30:45 and 00:1A:2B:3C:4D:5E and std::vector"))
                .isEmpty();
    }

    @Test
    void should_find_listed_names_as_whole_words_in_any_case() {
        assertFinds("Lunch with MARIA OLIVEIRA today", PiiKind.PERSON_NAME, "MARIA OLIVEIRA");
        assertFinds("Jan  Kowalski's receipt", PiiKind.PERSON_NAME, "Jan  Kowalski");
        assertFinds("zoë signed", PiiKind.PERSON_NAME, "zoë");
        assertThat(DETECTOR.find("Maria alone, Kowalskis, Janet, Zoëy")).isEmpty();
    }

    @Test
    void should_find_a_card_followed_by_its_security_code_though_the_whole_fails_luhn() {
        Planted planted = new Planted(9);
        for (int i = 0; i < 50; i++) {
            String card = Planted.grouped(planted.cardDigits(16), " ");
            String code;
            do {
                code = planted.digits(3);
            } while (Checksums.luhn(card.replace(" ", "") + code));
            assertFinds("card " + card + " " + code, PiiKind.PAYMENT_CARD, card);
        }
    }

    @Test
    void should_prefer_the_longer_finding_where_two_overlap() {
        assertThat(DETECTOR.find("mail maria.oliveira@example.com")).extracting(Found::kind)
                .containsExactly(PiiKind.EMAIL);
        String card = Planted.grouped(new Planted(5).cardDigits().substring(0, 16), " ");
        card = card.substring(0, card.length() - 1) + Planted.luhnDigit(card.replace(" ", "").substring(0, 15));
        assertFinds("card " + card + " 12 25", PiiKind.PAYMENT_CARD, card);
    }
}
