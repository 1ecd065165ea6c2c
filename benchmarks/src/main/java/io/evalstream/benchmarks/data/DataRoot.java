package io.evalstream.benchmarks.data;

import java.util.List;

/**
 * A tree of data files that definitions name by relative path: a directory laid out like {@code ../shared/datasets},
 * or the samples in the jar. The only place data I/O happens; readers get bytes.
 */
public interface DataRoot {

    /** Root-relative '/'-separated paths of the files matching {@code glob} ({@code *} stays inside one directory), sorted. */
    List<String> find(String glob);

    /** The bytes of a file found by {@link #find}, as stored (still gzipped when its name ends in .gz). */
    byte[] read(String path);

    /** Where the files come from, for listings, log lines and error messages. */
    String describe();

    /**
     * Why {@code glob} matched nothing here, for the error a user reads: the folder searched and what it holds, so a
     * misspelt folder or a file left out is seen at once.
     */
    default String explainMiss(String glob) {
        return "'" + glob + "' matches no file in " + describe();
    }
}
