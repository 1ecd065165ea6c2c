package io.evalstream.benchmarks.definition;

import java.util.HashSet;
import java.util.List;

/**
 * Where a benchmark's records are and how they are laid out.
 *
 * @param path     relative to a data root, '/'-separated; may be a glob ({@code mmlu/test/*_test.csv}) to read
 *                 several files, in path order
 * @param format   jsonl, json, csv or tsv; left out, taken from the path's extension (a final {@code .gz} means
 *                 gzip in every case)
 * @param examples json only: dotted path to the array of records ({@code data}); left out, the document is the array
 * @param header   csv/tsv only: whether the first row names the columns; default true
 * @param columns  csv/tsv without a header: the column names, in order
 * @param subset   which subset each record belongs to; null for none
 * @param order    the run order of the items; default {@link RunOrder#FILE}
 */
public record SourceSpec(String path, DataFormat format, String examples, Boolean header, List<String> columns,
        SubsetRule subset, RunOrder order) {

    public SourceSpec {
        Check.required(path, "path", "'gsm8k/test.jsonl' or 'mmlu/test/*_test.csv'");
        if (path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("key 'path' must be relative to a data root and stay inside it"
                    + " ('/'-separated, no leading '/', no '..'), got '" + path + "'");
        }
        if (format == null) {
            format = DataFormat.ofPath(path).orElseThrow(() -> new IllegalArgumentException("key 'format' is"
                    + " required because the path '" + path + "' does not end in .jsonl, .json, .csv or .tsv"
                    + " (optionally followed by .gz); give format: jsonl, json, csv or tsv"));
        }
        if (examples != null && format != DataFormat.JSON) {
            throw new IllegalArgumentException("key 'examples' applies to format json only (the format is "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + "); remove it");
        }
        header = tabular(format, header, columns);
        columns = Check.copy(columns);
        order = order == null ? RunOrder.FILE : order;
        if (order == RunOrder.ROUND_ROBIN && subset == null) {
            throw new IllegalArgumentException("key 'order' is round-robin, which interleaves subsets, but key"
                    + " 'subset' is missing; add subset: {file: ...} or subset: {field: ...}, or use order: file");
        }
    }

    private static Boolean tabular(DataFormat format, Boolean header, List<String> columns) {
        if (!format.tabular()) {
            if (header != null || columns != null) {
                throw new IllegalArgumentException("keys 'header' and 'columns' apply to csv and tsv only; remove them");
            }
            return null;
        }
        boolean hasHeader = header == null || header;
        if (hasHeader && columns != null) {
            throw new IllegalArgumentException("key 'columns' names the columns of a file without a header row;"
                    + " with header: true the header names them, so remove 'columns' (or set header: false)");
        }
        if (!hasHeader) {
            if (columns == null || columns.isEmpty()) {
                throw new IllegalArgumentException("key 'columns' is required with header: false, e.g."
                        + " columns: [question, A, B, C, D, answer]");
            }
            var seen = new HashSet<String>();
            for (String column : columns) {
                Check.required(column, "columns[]", "question");
                if (!seen.add(column)) {
                    throw new IllegalArgumentException("key 'columns' lists '" + column + "' twice; name each once");
                }
            }
        }
        return hasHeader;
    }
}
