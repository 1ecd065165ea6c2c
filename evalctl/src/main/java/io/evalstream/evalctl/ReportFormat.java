package io.evalstream.evalctl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The report formats the aggregator renders, and the file extensions that choose them. */
enum ReportFormat {
    JSON("json", "json"),
    MARKDOWN("markdown", "md", "markdown"),
    HTML("html", "html", "htm"),
    CSV("csv", "csv");

    private final String parameter;
    private final String[] extensions;

    ReportFormat(String parameter, String... extensions) {
        this.parameter = parameter;
        this.extensions = extensions;
    }

    /** The value of the aggregator's {@code ?format=}. */
    String parameter() {
        return parameter;
    }

    /**
     * The format asked for, else the one the output file's extension names, else Markdown (readable in a
     * terminal).
     */
    static ReportFormat choose(ReportFormat asked, Path output) {
        if (asked != null) {
            return asked;
        }
        return output == null ? MARKDOWN : byExtension(output.getFileName().toString()).orElseThrow(() ->
                new CliException(ExitCode.USAGE, "cannot tell the report format from '" + output.getFileName()
                        + "'; name the file .json, .md, .html or .csv, or give --format"));
    }

    private static Optional<ReportFormat> byExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> Arrays.asList(format.extensions).contains(extension))
                .findFirst();
    }
}
