package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.api.NotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    @Test
    void describe_stratumException_isItsMessage() {
        assertThat(ErrorReporter.describe(new NotFoundException("task_not_found", "task 'x' does not exist")))
                .isEqualTo("task 'x' does not exist");
    }

    @Test
    void describe_missingFile_namesThePath() {
        UncheckedIOException e = new UncheckedIOException("read failed", new NoSuchFileException("in/train.csv"));

        assertThat(ErrorReporter.describe(e)).isEqualTo("file not found: in/train.csv; check the path");
    }

    @Test
    void describe_exceptionWithoutMessage_isItsClassName() {
        assertThat(ErrorReporter.describe(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
    }
}
