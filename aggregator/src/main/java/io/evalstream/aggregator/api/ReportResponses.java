package io.evalstream.aggregator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.ApiError;
import io.evalstream.reports.render.ReportFormat;
import io.evalstream.reports.scoring.FullRunReport;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Content negotiation for {@code GET /runs/{runId}/report}: a {@code format} parameter wins, then the first
 * {@code Accept} type (by preference) that one of the formats matches; JSON when neither says.
 */
final class ReportResponses {

    /** Every format's media type, the order deciding wildcards: {@code *}{@code /*} is JSON, {@code text/*} Markdown. */
    static final String[] MEDIA_TYPES = Arrays.stream(ReportFormat.values()).map(ReportFormat::mediaType)
            .toArray(String[]::new);

    private ReportResponses() {
    }

    /** A 400 naming the accepted values when {@code format} is given but names no format. */
    static Optional<Response> unknownFormat(String format) {
        if (format == null || ReportFormat.named(format).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("unknown report format '" + format + "': use format="
                        + String.join(", ", ReportFormat.NAMES) + " (or an Accept header: "
                        + String.join(", ", MEDIA_TYPES) + ")"))
                .build());
    }

    /** @param format the {@code format} parameter, null when absent; must name a format when given */
    static ReportFormat choose(String format, List<MediaType> acceptable) {
        if (format != null) {
            return ReportFormat.named(format).orElseThrow();
        }
        for (MediaType accepted : acceptable) {
            for (ReportFormat candidate : ReportFormat.values()) {
                if (accepted.isCompatible(MediaType.valueOf(candidate.mediaType()))) {
                    return candidate;
                }
            }
        }
        return ReportFormat.JSON;
    }

    static ReportFormat choose(String format, HttpHeaders headers) {
        return choose(format, headers.getAcceptableMediaTypes());
    }

    /** 200 with the report in {@code format}, its UTF-8 content type and, for Markdown and CSV, a file name. */
    static Response render(FullRunReport report, ReportFormat format, ObjectMapper json) {
        Response.ResponseBuilder response = Response.ok(format.render(report).map(Object.class::cast)
                        .orElseGet(() -> json.valueToTree(report)))
                .type(format.mediaType() + ";charset=UTF-8");
        if (format.offersFileName()) {
            // Run ids are letters, digits and ._:@+- (Require.ID), so the name needs no escaping inside the quotes.
            response.header("Content-Disposition", "inline; filename=\"" + report.runId() + "-report."
                    + format.extension() + "\"");
        }
        return response.build();
    }
}
