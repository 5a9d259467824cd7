package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeBannerTest {

    @Test
    void print_generatedKey_showsItAndUsesItInTheExample() {
        String text = print(new ServeBanner("127.0.0.1", 8080, Path.of("data"), "sk_abc123", false, true));

        assertThat(text).contains("listening on http://127.0.0.1:8080")
                .contains("shown only this once")
                .contains("Bearer sk_abc123")
                .contains("/v1/tasks/expenses/predict");
    }

    @Test
    void print_keyFromEnvironment_neverPrintsASecret() {
        String text = print(new ServeBanner("0.0.0.0", 9000, Path.of("data"), null, true, false));

        assertThat(text).doesNotContain("shown only this once")
                .contains("Bearer $STRATUM_ADMIN_KEY")
                .contains("--demo");
    }

    @Test
    void print_keyNeitherGeneratedNorFromEnvironment_pointsAtTheFirstStart() {
        String text = print(new ServeBanner("127.0.0.1", 8080, Path.of("data"), null, false, true));

        assertThat(text).contains("Bearer <the admin key printed at the first start>").doesNotContain("$STRATUM");
    }

    @Test
    void print_ipv6Host_bracketsIt() {
        assertThat(print(new ServeBanner("::1", 8080, Path.of("data"), null, false, false))).contains("http://[::1]:8080");
    }

    private static String print(ServeBanner banner) {
        StringWriter out = new StringWriter();
        banner.print(new PrintWriter(out, true));
        return out.toString();
    }
}
