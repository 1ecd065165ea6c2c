package io.evalstream.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.ApiError;
import io.evalstream.reports.render.ReportFormat;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReportResponsesTest {

    /** Accept types in the client's order of preference, separated by spaces. */
    @ParameterizedTest(name = "format={0}, Accept: {1} -> {2}")
    @CsvSource(delimiter = '¦', textBlock = """
                     ¦                                    ¦ JSON
                     ¦ */*                                ¦ JSON
                     ¦ application/json                   ¦ JSON
                     ¦ text/markdown                      ¦ MARKDOWN
                     ¦ text/html application/xml */*      ¦ HTML
                     ¦ text/csv                           ¦ CSV
                     ¦ text/*                             ¦ MARKDOWN
                     ¦ image/png                          ¦ JSON
                     ¦ image/png text/csv                 ¦ CSV
            csv      ¦ application/json                   ¦ CSV
            md       ¦                                    ¦ MARKDOWN
            markdown ¦ text/html                          ¦ MARKDOWN
            HTML     ¦                                    ¦ HTML
            json     ¦ text/csv                           ¦ JSON
            """)
    void theFormatParameterWinsThenTheFirstAcceptableTypeThenJson(String format, String accept,
            ReportFormat expected) {
        List<MediaType> acceptable = accept == null ? List.of()
                : Arrays.stream(accept.split(" ")).map(MediaType::valueOf).toList();
        assertThat(ReportResponses.choose(format, acceptable)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"xml", "pdf", "''", "mark down"})
    void anUnknownFormatIsA400NamingTheAcceptedValues(String format) {
        assertThat(ReportResponses.unknownFormat(format)).hasValueSatisfying(response -> {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(((ApiError) response.getEntity()).error()).contains("'" + format + "'")
                    .contains("json, markdown, md, html, csv");
        });
    }

    @ParameterizedTest
    @CsvSource(value = {"json", "markdown", "md", "html", "csv", "CSV", "' html '"}, nullValues = "none")
    void aKnownOrAbsentFormatIsNoError(String format) {
        assertThat(ReportResponses.unknownFormat(format)).isEmpty();
        assertThat(ReportResponses.unknownFormat(null)).isEmpty();
    }
}
