package io.evalstream.evalctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.evalstream.contracts.Json;
import io.evalstream.reports.export.ExportedRun;
import io.evalstream.reports.export.SampleLine;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.FullRunReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code evalctl report --from FILE}: a run's report rendered here from its per-sample export, by the scoring and
 * rendering the aggregator runs (the {@code reports} library), for a run whose aggregator is gone or out of reach.
 */
final class OfflineReport {

    private static final int MAX_SHOWN = 10;

    private OfflineReport() {
    }

    /**
     * The report in {@code format}; what the export cannot say is listed atop the Markdown, else on {@code err}.
     *
     * @throws CliException for a missing or unreadable file, bad lines (each named with its number) or no samples
     */
    static String render(Path file, ReportFormat format, PrintWriter err) {
        String name = InputFiles.name(file);
        ExportLines lines = ExportLines.parse(InputFiles.read(file));
        if (!lines.problems().isEmpty()) {
            lines.problems().stream().limit(MAX_SHOWN).forEach(problem -> err.println(name + ": " + problem));
            if (lines.problems().size() > MAX_SHOWN) {
                err.println(name + ": ... and " + (lines.problems().size() - MAX_SHOWN) + " more bad lines");
            }
            err.flush();
            throw new CliException(ExitCode.REFUSED, name + " has " + lines.problems().size() + " bad line(s), the"
                    + " first: " + lines.problems().getFirst() + ". An export is the JSON Lines of GET /runs/RUN/samples.");
        }
        if (lines.samples().isEmpty()) {
            throw new CliException(ExitCode.REFUSED, name + " holds no samples: export a run with GET"
                    + " /runs/RUN/samples (one graded task a line) once some of its tasks are graded");
        }
        FullRunReport report;
        try {
            report = ExportedRun.report(lines.samples(), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.REFUSED, name + ": " + e.getMessage(), e);
        }
        List<String> notes = notes(name, report, lines.samples());
        if (format == ReportFormat.MARKDOWN) {
            return notes.stream().map(note -> "> " + note + "\n").collect(Collectors.joining()) + "\n"
                    + text(report, format);
        }
        notes.forEach(err::println);
        err.flush();
        return format == ReportFormat.JSON ? json(report) : text(report, format);
    }

    private static List<String> notes(String name, FullRunReport report, List<SampleLine> samples) {
        return Stream.concat(
                Stream.of("Rendered offline from " + name + " (" + samples.size() + " samples of run "
                        + report.runId() + "); not in an export, so not in this report:"),
                ExportedRun.unknown(samples).stream().map(unknown -> "- " + unknown)).toList();
    }

    private static String text(FullRunReport report, ReportFormat format) {
        return io.evalstream.reports.render.ReportFormat.named(format.parameter()).flatMap(each -> each.render(report))
                .orElseThrow();
    }

    private static String json(FullRunReport report) {
        try {
            return ReportJson.flat(Json.mapper()).writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
