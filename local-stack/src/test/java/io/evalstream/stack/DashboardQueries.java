package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL of a Grafana dashboard: every panel's queries and every query variable, and filling in variables. */
final class DashboardQueries {

    /** One PromQL expression and where it comes from, for messages. */
    record Query(String dashboard, String panel, String refId, String expr) {

        Query withExpr(String filled) {
            return new Query(dashboard, panel, refId, filled);
        }

        @Override
        public String toString() {
            return dashboard + " / \"" + panel + "\" / " + refId + ": " + expr;
        }
    }

    // ${name}, ${name:format} or $name; a name is as long as it goes, so $b never matches the start of $benchmark.
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$");

    private DashboardQueries() {
    }

    /** The template variables by name, in dashboard order. */
    static Map<String, JsonNode> variables(JsonNode dashboard) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").asText(), v));
        return variables;
    }

    /** Every target expression of every panel, rows' collapsed panels included. */
    static List<Query> panelQueries(String name, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        collect(name, dashboard.path("panels"), queries);
        return queries;
    }

    private static void collect(String name, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(name, panel.path("panels"), queries);
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(name, panel.path("title").asText(), target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
    }

    /**
     * Each query variable's {@code label_values(selector, label)} as the instant query that has a result exactly
     * when the variable has values: {@code count by (label) (selector)}.
     */
    static List<Query> variableQueries(String name, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        variables(dashboard).forEach((variable, definition) -> {
            if (!definition.path("type").asText().equals("query")) {
                return;
            }
            JsonNode query = definition.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher labelValues = LABEL_VALUES.matcher(text);
            if (!labelValues.matches()) {
                throw new AssertionError(name + ": variable " + variable + " is not a label_values query: " + text);
            }
            String label = labelValues.group(2);
            String selector = labelValues.group(1) == null ? "{" + label + "!=\"\"}" : labelValues.group(1).trim();
            queries.add(new Query(name, "variable " + variable, "var", "count by (" + label + ") (" + selector + ")"));
        });
        return queries;
    }

    /** The expression with every variable replaced by its value. @throws AssertionError for a variable without one */
    static String substitute(String expr, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = values.get(variable);
            if (value == null) {
                throw new AssertionError("no value for $" + variable + " in " + expr);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
