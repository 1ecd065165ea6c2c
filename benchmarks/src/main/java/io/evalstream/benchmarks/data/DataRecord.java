package io.evalstream.benchmarks.data;

import java.util.Map;

/**
 * One record of a data file: a JSON object or a CSV/TSV row, as nested maps, lists and scalars. Scalars are text
 * (numbers as written), except booleans.
 *
 * @param file   root-relative path of the file
 * @param row    1-based position among the file's records, for messages
 * @param fields the record's fields in file order
 */
public record DataRecord(String file, int row, Map<String, Object> fields) {

    /** "gsm8k/test.jsonl record 3", for messages. */
    public String where() {
        return file + " record " + row;
    }
}
