package io.evalstream.benchmarks.definition;

/**
 * What a definition says about one subset.
 *
 * @param group the group it is scored in beside the whole (an MMLU category such as {@code stem}); null for none
 * @param name  how prompts and reports call it; null: the subset id with '_' read as spaces
 */
public record SubsetInfo(String group, String name) {

    public SubsetInfo {
        Check.id(group, "group");
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("key 'name' must not be blank; leave it out to use the subset id");
        }
    }
}
