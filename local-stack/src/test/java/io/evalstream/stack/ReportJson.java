package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reports as tests compare them. */
final class ReportJson {

    private ReportJson() {
    }

    /** The report without the times it was built at. */
    static JsonNode withoutTimes(JsonNode report) {
        JsonNode copy = report.deepCopy();
        copy.findParents("updatedAt").forEach(parent -> ((ObjectNode) parent).remove("updatedAt"));
        return copy;
    }
}
