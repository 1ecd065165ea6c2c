package io.evalstream.contracts;

/**
 * The part of a benchmark an item belongs to, scored on its own beside the whole (an MMLU subject, with its
 * MMLU category as the group).
 *
 * @param id    e.g. {@code abstract_algebra}
 * @param group e.g. {@code stem}; null when the benchmark does not group its subsets
 */
public record Subset(String id, String group) {

    public Subset {
        Require.id(id, "subset.id");
        if (group != null) {
            Require.id(group, "subset.group");
        }
    }
}
