package io.evalstream.benchmarks.definition;

import java.util.Locale;
import java.util.Optional;

/** How a data file is laid out. A file whose name ends in {@code .gz} is gunzipped first, whatever its format. */
public enum DataFormat {
    /** JSON Lines: one JSON object per line; blank lines are skipped. */
    JSONL,
    /** One JSON document: an array of objects, or an object holding one (named by {@code examples}). */
    JSON,
    /** Comma-separated values; fields may be quoted and then hold commas, doubled quotes and line breaks. */
    CSV,
    /** Tab-separated values, quoted like CSV. */
    TSV;

    /** The format a path's extension names ({@code test.jsonl}, {@code HumanEval.jsonl.gz}), if any. */
    public static Optional<DataFormat> ofPath(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "jsonl", "ndjson" -> Optional.of(JSONL);
            case "json" -> Optional.of(JSON);
            case "csv" -> Optional.of(CSV);
            case "tsv", "tab" -> Optional.of(TSV);
            default -> Optional.empty();
        };
    }

    public boolean tabular() {
        return this == CSV || this == TSV;
    }
}
