package io.evalstream.producer.dataset;

import java.util.List;

/**
 * Read access to a datasets root laid out like {@code ../shared/datasets} ({@code gsm8k/test.jsonl},
 * {@code mmlu/test/<subject>_test.csv}, ...). The only place dataset I/O happens; parsers get text.
 */
public interface DatasetFiles {

    /** The UTF-8 text of a file, by its path relative to the root ('/'-separated). */
    String read(String path);

    /** Paths of the files directly inside a directory, relative to the root, sorted by name. */
    List<String> list(String directory);

    /** Where the files come from, for log lines and error messages. */
    String describe();
}
