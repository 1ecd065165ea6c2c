package io.evalstream.reports.render;

import io.evalstream.reports.scoring.FullRunReport;
import java.util.List;

/**
 * A run report as one self-contained HTML page: inline CSS, no scripts, nothing fetched. Every value is escaped,
 * so a judge label or stop sequence holding markup shows as text.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 1.5em; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            tr:nth-child(even) td { background: #fafafa; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            """;

    private HtmlReport() {
    }

    public static String render(FullRunReport report) {
        ReportLayout layout = ReportLayout.of(report);
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(layout.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(layout.title())).append("</h1>\n<dl>\n");
        layout.facts().forEach(fact -> out.append("<dt>").append(escape(fact.label())).append("</dt><dd>")
                .append(escape(fact.value())).append("</dd>\n"));
        out.append("</dl>\n");
        layout.tables().forEach(table -> {
            out.append("<h2>").append(escape(table.heading())).append("</h2>\n<table>\n<thead>");
            row(out, "th", table.columns());
            out.append("</thead>\n<tbody>\n");
            table.rows().forEach(cells -> row(out, "td", cells));
            out.append("</tbody>\n</table>\n");
        });
        return out.append("</body>\n</html>\n").toString();
    }

    private static void row(StringBuilder out, String cell, List<String> cells) {
        out.append("<tr>");
        cells.forEach(text -> out.append('<').append(cell).append('>').append(escape(text)).append("</")
                .append(cell).append('>'));
        out.append("</tr>\n");
    }

    /** Text safe in element content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> out.append(switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> String.valueOf((char) c);
        }));
        return out.toString();
    }
}
