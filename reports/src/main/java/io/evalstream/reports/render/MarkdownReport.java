package io.evalstream.reports.render;

import io.evalstream.reports.scoring.FullRunReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A run report as GitHub-flavoured Markdown: a title, a list of facts, then one table per section. */
public final class MarkdownReport {

    /**
     * Characters that are markup inside a table cell or list item (emphasis, code, links, inline HTML, entities,
     * cell borders); a backslash makes each literal. Line-start markup (#, -, +) cannot occur: no value starts a line.
     */
    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|&~]");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n]");

    private MarkdownReport() {
    }

    public static String render(FullRunReport report) {
        ReportLayout layout = ReportLayout.of(report);
        StringBuilder out = new StringBuilder("# ").append(escape(layout.title())).append("\n\n");
        layout.facts().forEach(fact -> out.append("- **").append(escape(fact.label())).append(":** ")
                .append(escape(fact.value())).append('\n'));
        layout.tables().forEach(table -> {
            out.append("\n## ").append(escape(table.heading())).append("\n\n");
            row(out, table.columns());
            out.append('|').append("---|".repeat(table.columns().size())).append('\n');
            table.rows().forEach(cells -> row(out, cells));
        });
        return out.toString();
    }

    /** One table row: every cell escaped, between bars. */
    static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(escape(cell)).append(" |"));
        out.append('\n');
    }

    /** Literal text inside a table cell or list item: markup escaped, line breaks (which end a row) as spaces. */
    static String escape(String text) {
        String oneLine = LINE_BREAK.matcher(text).replaceAll(" ");
        return SPECIAL.matcher(oneLine).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }
}
