package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The poison-input table: bad records for each consumed topic, built from real records of a run (a task, a
 * completion, a grade, the run's manifest) so each row is wrong in exactly one way. Every object row carries an
 * unknown field {@code poison} naming it, which makes its bytes unique (and, the contract being additive, is no
 * fault in itself).
 */
final class PoisonRecords {

    /** One record to push, and the phrase its dead-letter reason must contain. */
    record Poison(String topic, String name, byte[] key, byte[] value, String reason) {

        String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int FIVE_MB = 5 << 20;

    private final String topic;
    private final ObjectNode template;
    private final String key;
    private final String keyPhrase;
    private final List<Poison> rows = new ArrayList<>();

    private PoisonRecords(String topic, ObjectNode template, String key, String keyPhrase) {
        this.topic = topic;
        this.template = template;
        this.key = key;
        this.keyPhrase = keyPhrase;
    }

    /** Bad tasks, from a real task of a run of sim-strong and sim-weak on gsm8k and mmlu, one sample per item. */
    static List<Poison> tasks(ObjectNode task) {
        PoisonRecords table = new PoisonRecords(Topics.TASKS, task, task.path("taskId").asText(),
                "differs from the task's taskId");
        table.common("PromptTask");
        for (String field : List.of("taskId", "purpose", "prompt", "extraction", "reference", "category", "settings",
                "settingsHash")) {
            table.object("missing " + field, field + "' is required", node -> node.remove(field));
        }
        table.object("prompt a number", "field 'prompt' has value", node -> node.put("prompt", 42));
        table.object("purpose unknown", "field 'purpose' has value SCORE", node -> node.put("purpose", "SCORE"));
        table.object("extraction by ordinal", "field 'extraction'", node -> node.put("extraction", 1));
        table.object("settings a string", "field 'settings'", node -> node.put("settings", "hot"));
        table.object("aliases not a list", "field 'aliases'", node -> node.put("aliases", "four"));
        table.object("temperature negative", "field 'settings.temperature' must be between",
                node -> ((ObjectNode) node.path("settings")).put("temperature", -1.0));
        table.object("temperature NaN as text", "field 'settings.temperature'",
                node -> ((ObjectNode) node.path("settings")).put("temperature", "NaN"));
        table.object("maxTokens negative", "field 'settings.maxTokens' must be >= 1",
                node -> ((ObjectNode) node.path("settings")).put("maxTokens", -5));
        table.object("judge task without subject", "field 'subject'", node -> node.put("purpose", "JUDGE"));
        table.ids("");
        table.runRows("");
        return table.rows;
    }

    /** Bad completions, from a real completion of the run. */
    static List<Poison> completions(ObjectNode completion) {
        PoisonRecords table = new PoisonRecords(Topics.COMPLETIONS, completion,
                completion.path("task").path("taskId").asText(), "differs from taskId");
        table.common("Completion");
        for (String field : List.of("task", "status", "backend", "completedAt", "text")) {
            table.object("missing " + field, field + "' is required", node -> node.remove(field));
        }
        table.object("missing task prompt", "field 'prompt' is required",
                node -> ((ObjectNode) node.path("task")).remove("prompt"));
        table.object("latency as text", "field 'latencyMillis'", node -> node.put("latencyMillis", "12"));
        table.object("simulated as text", "field 'simulated'", node -> node.put("simulated", "yes"));
        table.object("status unknown", "field 'status' has value MAYBE", node -> node.put("status", "MAYBE"));
        table.object("completedAt not a time", "field 'completedAt'", node -> node.put("completedAt", "yesterday"));
        table.object("latency negative", "field 'latencyMillis' must be >= 0", node -> node.put("latencyMillis", -1));
        table.object("no attempts", "field 'attempts' must be >= 1", node -> node.put("attempts", 0));
        table.object("error without error", "field 'error' is required", node -> node.put("status", "ERROR"));
        table.object("first token after the end", "field 'firstTokenMillis'",
                node -> node.put("firstTokenMillis", node.path("latencyMillis").asLong() + 1000));
        table.ids("task.");
        table.runRows("task.");
        return table.rows;
    }

    /** Bad grades, from a real grade of the run. */
    static List<Poison> grades(ObjectNode grade) {
        PoisonRecords table = new PoisonRecords(Topics.GRADES, grade, grade.path("taskId").asText(),
                "is not the grade's taskId");
        table.common("Grade");
        for (String field : List.of("taskId", "verdict", "score", "category", "grader", "settingsHash", "gradedAt")) {
            table.object("missing " + field, field + "' is required", node -> node.remove(field));
        }
        table.object("score as text", "field 'score'", node -> node.put("score", "1"));
        table.object("verdict by ordinal", "field 'verdict'", node -> node.put("verdict", 0));
        table.object("category unknown", "field 'category' has value NOPE", node -> node.put("category", "NOPE"));
        table.object("score negative", "field 'score' must be between", node -> node.put("score", -0.5));
        table.object("score above one", "field 'score' must be between", node -> node.put("score", 2.5));
        table.object("score NaN as text", "field 'score'", node -> node.put("score", "NaN"));
        table.object("correct with half a score", "must be 1 for a CORRECT verdict",
                node -> node.put("verdict", "CORRECT").put("score", 0.5));
        table.object("error without kind", "field 'errorKind' is required",
                node -> node.put("verdict", "ERROR").put("score", 0.0).remove("errorKind"));
        table.object("latency negative", "field 'latencyMillis' must be >= 0", node -> node.put("latencyMillis", -7));
        table.ids("");
        table.runRows("");
        return table.rows;
    }

    /**
     * Bad manifests. None is keyed by the real run's id: on a compacted topic a bad record under a run's key
     * would, once compacted, replace the run's good manifest. None lacks a key: the broker refuses such records on a
     * compacted topic, so no consumer can meet one.
     */
    static List<Poison> runs(ObjectNode manifest) {
        PoisonRecords table = new PoisonRecords(Topics.RUNS, manifest, "poison-run", "is not the manifest's runId");
        table.common("RunManifest");
        for (String field : List.of("spec", "expected", "submittedAt")) {
            table.object("missing " + field, field + "' is required", node -> node.remove(field));
        }
        table.object("missing runId", "field 'runId' is required",
                node -> ((ObjectNode) node.path("spec")).remove("runId"));
        table.object("missing models", "field 'models' is required",
                node -> ((ObjectNode) node.path("spec")).remove("models"));
        table.object("no expectations", "field 'expected' must list at least one entry",
                node -> node.putArray("expected"));
        table.object("expected a string", "field 'expected'", node -> node.put("expected", "many"));
        table.object("tasks as text", "field 'expected[0].tasks'",
                node -> ((ObjectNode) node.path("expected").path(0)).put("tasks", "ten"));
        table.object("tasks negative", "field 'expected[].tasks' must be >= 0",
                node -> ((ObjectNode) node.path("expected").path(0)).put("tasks", -1));
        table.object("samples negative", "field 'samplesPerItem' must be between",
                node -> ((ObjectNode) node.path("spec")).put("samplesPerItem", -1));
        table.object("samples as text", "field 'spec.samplesPerItem'",
                node -> ((ObjectNode) node.path("spec")).put("samplesPerItem", "2"));
        table.object("submittedAt not a time", "field 'submittedAt'", node -> node.put("submittedAt", "yesterday"));
        table.object("huge run id", "field 'runId' must be 1-128 characters",
                node -> ((ObjectNode) node.path("spec")).put("runId", "r".repeat(10_000)));
        table.object("control character in run id", "field 'runId' must be 1-128 characters",
                node -> ((ObjectNode) node.path("spec")).put("runId", "run\u0007bell"));
        return table.rows;
    }

    /** Rows every consumed topic has: shapes, encodings, sizes, versions and keys. */
    private void common(String type) {
        add("not JSON", utf8(key), utf8("this is not json: " + topic), "not a valid JSON " + type);
        byte[] whole = bytes(marked("truncated"));
        add("truncated", utf8(key), java.util.Arrays.copyOf(whole, whole.length / 2), "not a valid JSON " + type);
        add("trailing garbage", utf8(key), utf8(text(marked("trailing garbage")) + " {\"more\":1}"), "not a valid JSON");
        add("JSON array", utf8(key), utf8("[\"" + topic + "\"]"), "is a JSON object, got an array");
        add("JSON number", utf8(key), utf8("4242"), "is a JSON object, got a number");
        add("JSON string", utf8(key), utf8("\"" + topic + "\""), "is a JSON object, got a string");
        add("JSON null", utf8(key), utf8("null"), "is a JSON object, got null");
        add("JSON boolean", utf8(key), utf8("true"), "not a valid JSON " + type);
        add("empty value", utf8(key), new byte[0], "empty record");
        add("invalid UTF-8", utf8(key), splice(text(marked("invalid UTF-8")), new byte[] {(byte) 0xC3, (byte) 0x28}),
                "Invalid UTF-8");
        add("raw control character", utf8(key), splice(text(marked("raw control character")), new byte[] {0x01}),
                "CTRL-CHAR");
        ObjectNode huge = marked("5 MB payload");
        huge.put("padding", "x".repeat(FIVE_MB));
        add("5 MB payload", utf8(key), bytes(huge), "exceeds the limit of 1048576");
        for (int version : new int[] {0, 2, 99, -1}) {
            object("schemaVersion " + version, "field 'schemaVersion' must be 1", node -> {
                node.put("schemaVersion", version);
                node.put("addedInV" + version, "an unknown field of an unknown version");
            });
        }
        object("schemaVersion as text", "field 'schemaVersion' has the wrong type",
                node -> node.put("schemaVersion", "1"));
        object("missing schemaVersion", "field 'schemaVersion' is required", node -> node.remove("schemaVersion"));
        add("key not the id", utf8(key + "-other"), bytes(marked("key not the id")), keyPhrase);
        add("huge key", utf8("k".repeat(100_000)), bytes(marked("huge key")), keyPhrase);
        ByteArrayOutputStream badKey = new ByteArrayOutputStream();
        badKey.writeBytes(utf8(key));
        badKey.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
        add("invalid UTF-8 key", badKey.toByteArray(), bytes(marked("invalid UTF-8 key")), keyPhrase);
        add("control character in key", utf8(key + "\u0007"), bytes(marked("control character in key")), keyPhrase);
        if (!topic.equals(Topics.RUNS)) {  // the broker refuses keyless records on a compacted topic
            add("not JSON without key", null, utf8("not json and no key: " + topic), "not a valid JSON " + type);
        }
    }

    /** Rows with a malformed task id at {@code prefix + "taskId"}. */
    private void ids(String prefix) {
        String id = taskId(template, prefix);
        String[] parts = id.split("/");
        taskIdRow(prefix, "huge item id", with(parts, 3, "i".repeat(10_000)), "field 'taskId.itemId' must be 1-128");
        taskIdRow(prefix, "control character in id", with(parts, 3, "item\u0007"), "field 'taskId.itemId' must be 1-128");
        taskIdRow(prefix, "negative sample", with(parts, 5, "-1"), "field 'taskId.sample' must be >= 0");
        taskIdRow(prefix, "five-part id", String.join("/", java.util.Arrays.copyOf(parts, 5)),
                "must have 6 '/'-separated parts");
    }

    /**
     * Rows that are valid records but contradict the run's manifest, so none of its expected tasks: dead-lettered
     * (a model nobody serves too: only a task its run expects ends as a NO_WORKER_FOR_MODEL error).
     */
    private void runRows(String prefix) {
        String[] parts = taskId(template, prefix).split("/");
        taskIdRow(prefix, "model nobody serves", with(parts, 1, "no-such-model"),
                "model 'no-such-model' is not in the run's manifest");
        taskIdRow(prefix, "model not in the run", with(parts, 1, "sim-medium"),
                "model 'sim-medium' is not in the run's manifest");
        taskIdRow(prefix, "benchmark not in the run", with(parts, 2, "no-such-benchmark"),
                "benchmark 'no-such-benchmark' is not in the run's manifest");
        taskIdRow(prefix, "variant not in the run", with(parts, 4, "shouting"), "variant 'shouting'");
        taskIdRow(prefix, "sample beyond the run", with(parts, 5, "7"), "sample 7 is beyond the run's 1 samples");
        ObjectNode conflicting = marked("same id, other settings");
        ObjectNode settingsOwner = prefix.isEmpty() ? conflicting : (ObjectNode) conflicting.path("task");
        settingsOwner.put("settingsHash", "0123456789abcdef");
        if (settingsOwner.path("settings").isObject()) {
            ((ObjectNode) settingsOwner.path("settings")).put("temperature", 1.3);
        }
        add("same id, other settings", utf8(key), bytes(conflicting), "the record conflicts with its run");
    }

    private void taskIdRow(String prefix, String name, String taskId, String reason) {
        ObjectNode node = marked(name);
        ObjectNode owner = prefix.isEmpty() ? node : (ObjectNode) node.path("task");
        owner.put("taskId", taskId);
        add(name, utf8(taskId), bytes(node), reason);
    }

    private void object(String name, String reason, Consumer<ObjectNode> change) {
        ObjectNode node = marked(name);
        change.accept(node);
        add(name, utf8(key), bytes(node), reason);
    }

    private void add(String name, byte[] recordKey, byte[] value, String reason) {
        rows.add(new Poison(topic, name, recordKey, value, reason));
    }

    private ObjectNode marked(String name) {
        ObjectNode node = template.deepCopy();
        node.set("poison", NODES.textNode(topic + ": " + name));
        return node;
    }

    private static String taskId(JsonNode record, String prefix) {
        return prefix.isEmpty() ? record.path("taskId").asText() : record.path("task").path("taskId").asText();
    }

    private static String with(String[] parts, int index, String value) {
        String[] copy = parts.clone();
        copy[index] = value;
        return String.join("/", copy);
    }

    /** The text with {@code raw} bytes put inside the value of its {@code poison} field. */
    private static byte[] splice(String text, byte[] raw) {
        int at = text.indexOf("\"poison\":\"") + "\"poison\":\"".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(text.substring(0, at)));
        out.writeBytes(raw);
        out.writeBytes(utf8(text.substring(at)));
        return out.toByteArray();
    }

    private byte[] bytes(JsonNode node) {
        return utf8(text(node));
    }

    private static String text(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a poison row", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
