package io.evalstream.benchmarks.definition;

import java.util.regex.Pattern;

/**
 * Which subset (an MMLU subject, say) a record belongs to: taken from its file name or from one of its fields.
 * Exactly one of the two is given.
 *
 * @param file  a regular expression matched against the whole file name (not its directory) with a named group
 *              {@code subset}, e.g. {@code (?<subset>.+)_test\.csv}
 * @param field dotted path of the field holding the subset id
 */
public record SubsetRule(String file, String field) {

    public SubsetRule {
        if ((file == null) == (field == null)) {
            throw new IllegalArgumentException("give exactly one of key 'file' (a file-name pattern such as"
                    + " '(?<subset>.+)_test\\.csv') and key 'field' (the field holding the subset id)");
        }
        if (file != null) {
            Pattern pattern = Check.regex(file, "file", -1);
            if (!pattern.namedGroups().containsKey("subset")) {
                throw new IllegalArgumentException("key 'file' must name the part that is the subset with"
                        + " (?<subset>...), e.g. '(?<subset>.+)_test\\.csv'; got '" + file + "'");
            }
        }
    }
}
