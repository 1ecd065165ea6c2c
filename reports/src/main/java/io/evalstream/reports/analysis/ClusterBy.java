package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.GradedSample;
import java.util.Locale;
import java.util.Optional;

/**
 * What makes samples of one benchmark a cluster for the clustered standard errors: samples that share one are not
 * independent (Miller 2024, "Adding Error Bars to Evals", Sec. 3). The samples and prompt variants of one item always
 * share one.
 */
public enum ClusterBy {

    /** The item: its samples and variants are one cluster. */
    ITEM,
    /** The item's subset (an MMLU subject) when it has one, else the item. */
    SUBSET;

    /** @param itemId the sample's item; {@code sample} gives its subset */
    public String clusterOf(String itemId, GradedSample sample) {
        return this == SUBSET && sample.subset() != null ? "subset:" + sample.subset().id() : itemId;
    }

    /** @return the value named {@code item} or {@code subset}, any case */
    public static Optional<ClusterBy> parse(String name) {
        for (ClusterBy value : values()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
