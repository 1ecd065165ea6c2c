package io.evalstream.reports.scoring;

import java.util.List;
import java.util.TreeSet;

/**
 * The figures of a run that need every task's latest grade, not just the cell tallies: pass@k per cell,
 * scores per subset and per group, judge label counts, and every settings hash graded. Computed on request, so the streaming
 * path stays as cheap as counting.
 *
 * @param settingsHashes distinct settings hashes of all the run's latest grades, sorted
 * @param passAtK        one entry per (model, benchmark) in which some problem has more than one sample
 * @param subsets        one entry per (model, benchmark, subset), for tasks that name a subset
 * @param groups         one entry per (model, benchmark, group), for subsets that name a group
 * @param judgeLabels    one entry per (model, benchmark, judge label), e.g. the age groups a story judge gave
 * @param clustered      one entry per (model, benchmark): the mean score with its standard error clustered by item
 */
public record RunBreakdown(List<String> settingsHashes, List<PassAtKScore> passAtK, List<SubsetScore> subsets,
        List<GroupScore> groups, List<LabelCounts> judgeLabels, List<ClusteredScore> clustered) {

    public RunBreakdown {
        settingsHashes = List.copyOf(settingsHashes);
        passAtK = List.copyOf(passAtK);
        subsets = List.copyOf(subsets);
        groups = List.copyOf(groups);
        judgeLabels = List.copyOf(judgeLabels);
        clustered = List.copyOf(clustered);
    }

    /** This breakdown listing {@code hashes} as its settings hashes. */
    public RunBreakdown withSettingsHashes(List<String> hashes) {
        return new RunBreakdown(hashes, passAtK, subsets, groups, judgeLabels, clustered);
    }

    /** @param samples the latest sample of every task of one run, in any order; iterated once */
    public static RunBreakdown of(Iterable<TaskSample> samples) {
        ProblemCounts problems = new ProblemCounts();
        SubsetRollup rollup = new SubsetRollup();
        LabelRollup labels = new LabelRollup();
        ItemClusters items = new ItemClusters();
        TreeSet<String> hashes = new TreeSet<>();
        for (TaskSample entry : samples) {
            problems.add(entry);
            rollup.add(entry.sample());
            labels.add(entry.sample());
            items.add(entry);
            hashes.add(entry.sample().settingsHash());
        }
        return new RunBreakdown(List.copyOf(hashes), problems.scores(), rollup.subsets(), rollup.groups(),
                labels.counts(), items.scores());
    }
}
