package io.evalstream.reports.render;

import io.evalstream.reports.scoring.FullRunReport;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The forms a run report comes in, with the media type and file extension of each. */
public enum ReportFormat {
    JSON("application/json", "json", List.of("json"), null),
    MARKDOWN("text/markdown", "md", List.of("markdown", "md"), MarkdownReport::render),
    HTML("text/html", "html", List.of("html"), HtmlReport::render),
    CSV("text/csv", "csv", List.of("csv"), CsvReport::render);

    /** Every name {@link #named} accepts, for messages. */
    public static final List<String> NAMES = Arrays.stream(values()).flatMap(format -> format.names.stream()).toList();

    private final String mediaType;
    private final String extension;
    private final List<String> names;
    private final Function<FullRunReport, String> renderer;

    ReportFormat(String mediaType, String extension, List<String> names, Function<FullRunReport, String> renderer) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.names = names;
        this.renderer = renderer;
    }

    /** The format a {@code format=} parameter names, ignoring case; empty for an unknown name. */
    public static Optional<ReportFormat> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.names.contains(wanted)).findFirst();
    }

    /** The media type without parameters, e.g. {@code text/csv}. */
    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Whether clients should be offered a file name: the text formats people save (Markdown, CSV). */
    public boolean offersFileName() {
        return this == MARKDOWN || this == CSV;
    }

    /** The report as text; empty for JSON, which the REST layer writes with its own object mapper. */
    public Optional<String> render(FullRunReport report) {
        return renderer == null ? Optional.empty() : Optional.of(renderer.apply(report));
    }
}
