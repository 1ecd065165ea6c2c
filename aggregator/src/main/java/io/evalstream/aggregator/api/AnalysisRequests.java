package io.evalstream.aggregator.api;

import io.evalstream.contracts.ApiError;
import io.evalstream.reports.analysis.ClusterBy;
import io.evalstream.reports.analysis.MultipleTesting;
import io.evalstream.reports.analysis.Power;
import io.evalstream.contracts.Require;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.OptionalDouble;

/** Query checks of the analysis endpoints: each failure is a 4xx whose {@link ApiError} says what to fix. */
final class AnalysisRequests {

    private AnalysisRequests() {
    }

    /** @return {@code value}, an id as in a task id */
    static String id(String value, String what) {
        if (!Require.isId(value)) {
            throw fail(Response.Status.BAD_REQUEST, what + " '" + value + "' is not valid: use 1-128 letters, digits"
                    + " and ._:@+- starting with a letter or digit");
        }
        return value;
    }

    /** @return {@code value}, present and an id */
    static String required(String value, String parameter, String example) {
        if (value == null || value.isBlank()) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter '" + parameter + "' is required, e.g. "
                    + example);
        }
        return id(value, "query parameter '" + parameter + "'");
    }

    /** @return the significance level: 0.05 when absent, else a number in (0, 0.5] */
    static double alpha(String value) {
        if (value == null) {
            return 0.05;
        }
        double alpha = number(value, "alpha");
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter 'alpha' is the significance level and must be"
                    + " in (0, 0.5], e.g. 0.05 or 0.01; got " + value);
        }
        return alpha;
    }

    /** @return Holm when absent, else the correction named holm, bh (Benjamini-Hochberg) or none */
    static MultipleTesting correction(String value) {
        if (value == null) {
            return MultipleTesting.HOLM;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "holm" -> MultipleTesting.HOLM;
            case "bh", "benjamini-hochberg" -> MultipleTesting.BENJAMINI_HOCHBERG;
            case "none" -> MultipleTesting.NONE;
            default -> throw fail(Response.Status.BAD_REQUEST, "query parameter 'correction' must be holm"
                    + " (family-wise error), bh (false discovery rate) or none; got '" + value + "'");
        };
    }

    /** @return 0.8 when absent, else a number in (0, 1) */
    static double power(String value) {
        if (value == null) {
            return Power.DEFAULT_POWER;
        }
        double power = number(value, "power");
        if (!(power > 0 && power < 1)) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter 'power' is the chance of detecting a difference"
                    + " and must be in (0, 1), e.g. 0.8; got " + value);
        }
        return power;
    }

    /** @return null when absent, else a non-zero difference of scores in [-1, 1] */
    static Double difference(String value) {
        if (value == null) {
            return null;
        }
        double difference = number(value, "difference");
        if (!(difference != 0 && Math.abs(difference) <= 1)) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter 'difference' is the B - A to size the run for,"
                    + " as a fraction of 1: non-zero and in [-1, 1], e.g. 0.05 for 5 points; got " + value);
        }
        return difference;
    }

    /** @return whether {@code format} asks for Markdown; JSON when absent */
    static boolean markdown(String format) {
        if (format == null || format.strip().equalsIgnoreCase("json")) {
            return false;
        }
        if (format.strip().equalsIgnoreCase("markdown") || format.strip().equalsIgnoreCase("md")) {
            return true;
        }
        throw fail(Response.Status.BAD_REQUEST, "query parameter 'format' must be json or markdown, got '" + format
                + "'");
    }

    /** @return by item when absent, else item or subset */
    static ClusterBy clusterBy(String value) {
        return value == null ? ClusterBy.ITEM : ClusterBy.parse(value).orElseThrow(() -> fail(
                Response.Status.BAD_REQUEST, "query parameter 'cluster' must be item (the samples and variants of"
                        + " an item) or subset (e.g. an MMLU subject); got '" + value + "'"));
    }

    /** @return empty when absent, else a positive finite number */
    static OptionalDouble positive(String value, String parameter) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        double number = number(value, parameter);
        if (!(number > 0 && Double.isFinite(number))) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter '" + parameter + "' must be a positive number,"
                    + " e.g. 1e24; got " + value);
        }
        return OptionalDouble.of(number);
    }

    static WebApplicationException fail(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(message)).build());
    }

    private static double number(String value, String parameter) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw fail(Response.Status.BAD_REQUEST, "query parameter '" + parameter + "' must be a number, got '"
                    + value + "'");
        }
    }
}
