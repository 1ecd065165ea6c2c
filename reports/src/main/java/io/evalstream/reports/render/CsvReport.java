package io.evalstream.reports.render;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A run report as RFC 4180 CSV (CRLF line ends, fields quoted only when they must be, quotes doubled), one row
 * per figure holder. Column {@code scope} says which: {@code overall} (a model), {@code category} (a model and
 * category), {@code benchmark} (a model and benchmark), {@code subset} and {@code group} (part of a benchmark),
 * {@code scorer} (one scorer of a benchmark that declares several, column {@code scorer}, right under its
 * benchmark) and {@code label} (how often a judge gave one value of a label). Figures are raw numbers (ratios in
 * [0, 1], milliseconds, seconds); a figure that does not exist, or does not apply to the scope, is an empty field. The
 * columns are fixed except the judge columns, three per rubric dimension found in the report.
 */
public final class CsvReport {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private CsvReport() {
    }

    public static String render(FullRunReport report) {
        List<String> dimensions = dimensions(report);
        CsvRows rows = new CsvRows(columns(dimensions), report.runId());
        report.overall().forEach(rows::rollup);
        report.categories().forEach(rows::rollup);
        report.scores().forEach(score -> rows.benchmark(score, report.passAtK()));
        report.subsets().forEach(rows::subset);
        report.groups().forEach(rows::group);
        report.judgeLabels().forEach(rows::labels);
        return write(rows.columns(), rows.rows());
    }

    /** Every column in order, the judge columns last. */
    static List<String> columns(List<String> dimensions) {
        List<String> columns = new ArrayList<>(CsvRows.FIXED);
        Arrays.stream(ErrorKind.values()).forEach(kind -> columns.add(CsvRows.errorColumn(kind)));
        Arrays.stream(ErrorKind.values()).forEach(kind -> columns.add(CsvRows.reasonColumn(kind)));
        dimensions.forEach(dimension -> columns.addAll(CsvRows.judgeColumns(dimension)));
        return columns;
    }

    private static String write(List<String> columns, List<String[]> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        ObjectWriter writer = MAPPER.writerFor(String[].class).with(schema.build());
        StringWriter out = new StringWriter();
        try (SequenceWriter csv = writer.writeValues(out)) {
            csv.writeAll(rows);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a report as CSV; this is a bug", e);
        }
        return out.toString();
    }

    private static List<String> dimensions(FullRunReport report) {
        TreeSet<String> dimensions = new TreeSet<>();
        Stream.of(report.overall().stream().flatMap(s -> s.judgeScores().stream()),
                        report.categories().stream().flatMap(s -> s.judgeScores().stream()),
                        report.scores().stream().flatMap(s -> s.detail().judgeScores().stream()),
                        report.subsets().stream().flatMap(s -> s.judgeScores().stream()),
                        report.groups().stream().flatMap(s -> s.judgeScores().stream()))
                .flatMap(scores -> scores).map(DimensionScore::dimension).forEach(dimensions::add);
        return List.copyOf(dimensions);
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
