package io.evalstream.reports.render;

import io.evalstream.contracts.Cost;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.LatencySummary;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report's figures as human-readable text, the same in every human format: the aggregator's Markdown, HTML and CSV
 * and evalctl's terminal tables. Plain text: the renderers escape it. Every reader takes nulls and shows them as
 * {@link #NONE}.
 */
public final class Figures {

    /**
     * What a figure that does not exist (yet) reads as: a plain ASCII hyphen, which every terminal, pipe and log shows
     * as it is (an en dash turns into mojibake on a terminal that is not UTF-8).
     */
    public static final String NONE = "-";
    /** A sample reason in a table cell: enough to tell what went wrong; the JSON report has it whole. */
    static final int MAX_REASON = 80;

    private Figures() {
    }

    /** A proportion as a percentage with one decimal, e.g. {@code 66.7%}. */
    public static String percent(Double ratio) {
        return ratio == null ? NONE : String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** Accuracy and its 95% interval, e.g. {@code 66.7% [20.8%, 93.9%]}; the interval left out when absent. */
    public static String accuracy(Estimate accuracy) {
        if (accuracy.value() == null) {
            return NONE;
        }
        return accuracy.low() == null ? percent(accuracy.value()) : percent(accuracy.value()) + " " + interval(accuracy);
    }

    /** A 95% interval in percent, e.g. {@code [20.8%, 93.9%]}. */
    public static String interval(Estimate estimate) {
        return estimate.low() == null ? NONE : "[" + percent(estimate.low()) + ", " + percent(estimate.high()) + "]";
    }

    /** A mean and its standard error, e.g. {@code 0.667 ± 0.333}; the error left out when absent. */
    public static String meanWithError(Estimate mean) {
        if (mean.value() == null) {
            return NONE;
        }
        return meanWithError(mean, 3);
    }

    /** A mean and its standard error to {@code places} decimals, e.g. {@code 7.5 ± 0.5}. */
    public static String meanWithError(Estimate mean, int places) {
        return meanWithError(mean.value(), mean.stdErr(), places);
    }

    public static String meanWithError(Double mean, Double stdErr, int places) {
        if (mean == null) {
            return NONE;
        }
        return stdErr == null ? decimal(mean, places) : decimal(mean, places) + " ± " + decimal(stdErr, places);
    }

    /** Judge means per rubric dimension, e.g. {@code creativity 6.0 ± 1.2 (n=3); grammar 8.0 (n=1)}. */
    static String judgeMeans(List<DimensionScore> scores) {
        if (scores.isEmpty()) {
            return NONE;
        }
        return scores.stream().map(score -> score.dimension() + " " + decimal(score.mean(), 1)
                        + (score.stdErr() == null ? "" : " ± " + decimal(score.stdErr(), 1)) + " (n=" + score.judged() + ")")
                .collect(Collectors.joining("; "));
    }

    /**
     * Errors by kind with each kind's sample reason, abbreviated, e.g.
     * {@code timeout 2 (openai backend failed: HttpTimeoutException), server_error 1}.
     */
    static String errorKinds(Map<ErrorKind, Long> kinds, Map<ErrorKind, String> reasons) {
        if (kinds.isEmpty()) {
            return NONE;
        }
        return kinds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().name().toLowerCase(Locale.ROOT) + " " + entry.getValue()
                        + (reasons.containsKey(entry.getKey())
                                ? " (" + Texts.abbreviate(reasons.get(entry.getKey()), MAX_REASON) + ")" : ""))
                .collect(Collectors.joining(", "));
    }

    /** Latency percentiles in milliseconds, e.g. {@code 812 / 950 / 990 ms}. */
    static String latency(LatencySummary latency) {
        if (latency == null) {
            return NONE;
        }
        return decimal(latency.p50Millis(), 0) + " / " + decimal(latency.p95Millis(), 0) + " / "
                + decimal(latency.p99Millis(), 0) + " ms";
    }

    /** Prompt and completion tokens, e.g. {@code 1200 in / 340 out}. */
    static String tokens(TokenUsage tokens) {
        return tokens == null ? NONE : tokens.promptTokens() + " in / " + tokens.completionTokens() + " out";
    }

    /** US dollars to the hundredth of a cent, "unknown" without a price, and how many tasks have none. */
    static String cost(Cost cost) {
        if (cost == null || cost.priced() + cost.unpriced() == 0) {
            return NONE;
        }
        String usd = cost.usd() == null ? "unknown" : usd(cost.usd());
        return cost.unpriced() == 0 || cost.usd() == null ? usd
                : usd + " (+ " + cost.unpriced() + " tasks without a price)";
    }

    /** A time left, e.g. {@code 1h 02m 05s}; {@code done} at 0. */
    /** US dollars to the hundredth of a cent, e.g. {@code $0.0031}. */
    public static String usd(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    static String eta(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        if (seconds <= 0) {
            return "done";
        }
        Duration left = Duration.ofSeconds(Math.round(Math.ceil(seconds)));
        return left.toHours() > 0
                ? String.format(Locale.ROOT, "%dh %02dm %02ds", left.toHours(), left.toMinutesPart(), left.toSecondsPart())
                : left.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm %02ds", left.toMinutes(), left.toSecondsPart())
                : left.toSeconds() + "s";
    }

    /** Graded of expected, e.g. {@code 6 / 8 (75.0%)}; just the graded count when nothing is expected. */
    static String progress(Progress progress) {
        long graded = progress.graded();
        return progress.expected() == 0 ? graded + " graded"
                : graded + " / " + progress.expected() + " (" + percent(progress.fraction()) + ")";
    }

    public static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    /** {@link #NONE} when absent. */
    public static String decimal(Double value, int places) {
        return value == null ? NONE : decimal(value.doubleValue(), places);
    }

    static String text(Object value) {
        return value == null ? NONE : value.toString();
    }
}
