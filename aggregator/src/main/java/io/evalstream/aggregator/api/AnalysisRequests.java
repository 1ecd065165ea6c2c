package io.evalstream.aggregator.api;

import io.evalstream.contracts.Require;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.OptionalDouble;

/** Query checks of the analysis endpoints: each failure is a 4xx whose {@link ErrorMessage} says what to fix. */
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
                .entity(new ErrorMessage(message)).build());
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
