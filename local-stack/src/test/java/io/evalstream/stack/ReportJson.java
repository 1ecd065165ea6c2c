package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reports as tests compare them. */
final class ReportJson {

    private ReportJson() {
    }

    /** The report record as the aggregator serves it, without the times it was built at. */
    static JsonNode withoutTimes(Object report) {
        JsonNode copy = io.evalstream.reports.render.ReportJson.mapper().valueToTree(report);
        copy.findParents("updatedAt").forEach(parent -> ((ObjectNode) parent).remove("updatedAt"));
        return copy;
    }
}
