package dev.stratum.llm.privacy;

/** A kind of personal identifier that is redacted before a text goes to an external provider. */
public enum PiiKind {
    EMAIL("EMAIL", "e-mail address", "e-mail addresses"),
    PHONE("PHONE", "phone number", "phone numbers"),
    PAYMENT_CARD("CARD", "payment card number", "payment card numbers"),
    IBAN("IBAN", "IBAN", "IBANs"),
    CPF("CPF", "CPF number", "CPF numbers"),
    CNPJ("CNPJ", "CNPJ number", "CNPJ numbers"),
    SSN("SSN", "US social security number", "US social security numbers"),
    IP_ADDRESS("IP", "IP address", "IP addresses"),
    PERSON_NAME("NAME", "person name from the list", "person names from the list");

    private final String tag;
    private final String singular;
    private final String plural;

    PiiKind(String tag, String singular, String plural) {
        this.tag = tag;
        this.singular = singular;
        this.plural = plural;
    }

    /** The word in this kind's placeholders: {@code EMAIL} in {@code [EMAIL_1]}. */
    public String tag() {
        return tag;
    }

    /** Says how many of this kind there are, for messages: "1 e-mail address", "2 IBANs". */
    public String count(int n) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
