package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code serve} reads whether to train in the background. */
class ServeCommandTest {
    private static ServeCommand parsed(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args); // as Main sets it
        return serve;
    }

    @Test
    void noTrain_isOff_byDefault_andOn_byTheOptionWhateverTheEnvironmentSays() {
        assertThat(parsed().noTrain(null)).isFalse();
        assertThat(parsed().noTrain(" ")).isFalse();
        assertThat(parsed("--no-train").noTrain(null)).isTrue();
        assertThat(parsed("--no-train").noTrain("0")).isTrue();
    }

    @Test
    void noTrain_fromTheEnvironment_readsOneTrueYes_andZeroFalseNo() {
        for (String on : new String[] {"1", "true", "TRUE", " yes "}) {
            assertThat(parsed().noTrain(on)).as(on).isTrue();
        }
        for (String off : new String[] {"0", "false", "No"}) {
            assertThat(parsed().noTrain(off)).as(off).isFalse();
        }
    }

    @Test
    void noTrain_fromTheEnvironment_refusesOtherValues_sayingWhatToSet() {
        assertThatThrownBy(() -> parsed().noTrain("sometimes"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("STRATUM_NO_TRAIN is 'sometimes'")
                .hasMessageContaining("set it to 1 (or true) to turn background training off");
    }
}
