package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ReportFormatTest {

    @ParameterizedTest(name = "--format {0} -o {1} -> {2}")
    @CsvSource(nullValues = "none", textBlock = """
            none,     none,               MARKDOWN
            none,     out/report.html,    HTML
            none,     report.HTM,         HTML
            none,     report.md,          MARKDOWN
            none,     report.markdown,    MARKDOWN
            none,     report.csv,         CSV
            none,     report.json,        JSON
            CSV,      report.html,        CSV
            JSON,     none,               JSON
            """)
    void theFormatIsTheOneAskedForElseTheFilesExtensionElseMarkdown(ReportFormat asked, String output,
            ReportFormat chosen) {
        assertThat(ReportFormat.choose(asked, output == null ? null : Path.of(output))).isEqualTo(chosen);
    }

    @Test
    void anUnknownExtensionWithoutFormatIsAUsageError() {
        assertThatThrownBy(() -> ReportFormat.choose(null, Path.of("report.txt")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("report.txt").contains("--format");
                });
    }
}
