package io.evalstream.stub;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAI Files and Batch APIs, as far as a batch lane needs them: {@code POST /v1/files} (multipart, purpose
 * {@code batch}), {@code GET /v1/files/{id}/content}, {@code POST /v1/batches}, {@code GET /v1/batches} (newest
 * first, {@code limit} and {@code after}), {@code GET /v1/batches/{id}} and
 * {@code POST /v1/batches/{id}/cancel}. A created batch is {@code in_progress} for {@link #duration(Duration)}, then
 * ends: {@code completed}, or {@code expired} when a line's prompt carries {@code [[stub:batch-expire]]} (those lines
 * go to the error file as {@code batch_expired}, the others are answered), or {@code failed} at once when a line
 * carries {@code [[stub:batch-fail]]} or is not a valid request line. A line whose prompt carries
 * {@code [[stub:status=N]]} gets that status in the error file. Every custom_id of every created batch is counted,
 * so a test can prove no request was submitted twice.
 */
final class Batches {

    private static final Pattern FILES = Pattern.compile(".*/files");
    private static final Pattern CONTENT = Pattern.compile(".*/files/([^/]+)/content");
    private static final Pattern BATCHES = Pattern.compile(".*/batches");
    private static final Pattern BATCH = Pattern.compile(".*/batches/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile(".*/batches/([^/]+)/cancel");

    private final Vertx vertx;
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> submitted = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private volatile Duration duration = Duration.ZERO;

    Batches(Vertx vertx) {
        this.vertx = vertx;
    }

    void duration(Duration inProgress) {
        this.duration = inProgress;
    }

    /** How often each custom_id was part of a created batch. */
    Map<String, Integer> submitted() {
        Map<String, Integer> counts = new TreeMap<>();
        submitted.forEach((id, count) -> counts.put(id, count.get()));
        return counts;
    }

    int created() {
        return batches.size();
    }

    long polls() {
        return polls.get();
    }

    /** Whether the request is one of these APIs' (then it is answered here). */
    boolean accept(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        Matcher matcher;
        if (method == HttpMethod.POST && FILES.matcher(path).matches()) {
            upload(request);
        } else if (method == HttpMethod.GET && (matcher = CONTENT.matcher(path)).matches()) {
            Buffer file = files.get(matcher.group(1));
            if (file == null) {
                notFound(request.response(), "file " + matcher.group(1));
            } else {
                request.response().putHeader("Content-Type", "application/jsonl").end(file);
            }
        } else if (method == HttpMethod.GET && BATCHES.matcher(path).matches()) {
            reply(request.response(), 200, list(request.getParam("after"), request.getParam("limit")));
        } else if (method == HttpMethod.POST && BATCHES.matcher(path).matches()) {
            request.body().onSuccess(body -> create(request.response(), body));
        } else if (method == HttpMethod.POST && (matcher = CANCEL.matcher(path)).matches()) {
            cancel(request.response(), matcher.group(1));
        } else if (method == HttpMethod.GET && (matcher = BATCH.matcher(path)).matches()) {
            polls.incrementAndGet();
            JsonObject batch = batches.get(matcher.group(1));
            if (batch == null) {
                notFound(request.response(), "batch " + matcher.group(1));
            } else {
                reply(request.response(), 200, copy(batch));
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@code GET /v1/batches}: newest first, {@code limit} (20, at most 100) after the batch {@code after}. */
    private JsonObject list(String after, String limit) {
        List<JsonObject> newest = batches.values().stream().map(Batches::copy)
                .sorted(java.util.Comparator.comparingLong((JsonObject b) -> number(b.getString("id"))).reversed())
                .toList();
        int from = 0;
        if (after != null) {
            from = newest.stream().map(b -> b.getString("id")).toList().indexOf(after) + 1;
        }
        int size = limit == null ? 20 : Math.max(1, Math.min(100, Integer.parseInt(limit)));
        List<JsonObject> page = newest.subList(Math.min(from, newest.size()), Math.min(from + size, newest.size()));
        return new JsonObject().put("object", "list").put("data", new JsonArray(new ArrayList<>(page)))
                .put("has_more", from + size < newest.size());
    }

    private static long number(String id) {
        return Long.parseLong(id.substring(id.indexOf('_') + 1));
    }

    private void upload(HttpServerRequest request) {
        request.setExpectMultipart(true);
        Buffer content = Buffer.buffer();
        String[] name = {"upload.jsonl"};
        request.uploadHandler(upload -> {
            name[0] = upload.filename();
            upload.handler(content::appendBuffer);
        });
        request.endHandler(v -> {
            String purpose = request.getFormAttribute("purpose");
            if (!"batch".equals(purpose)) {
                reply(request.response(), 400, Replies.error(400, "purpose must be 'batch', got " + purpose));
                return;
            }
            String id = "file-" + ids.incrementAndGet();
            files.put(id, content);
            reply(request.response(), 200, fileObject(id, name[0], content.length(), "batch"));
        });
    }

    private void create(HttpServerResponse response, Buffer body) {
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException e) {
            reply(response, 400, Replies.error(400, "request body is not JSON"));
            return;
        }
        String inputFileId = json.getString("input_file_id");
        Buffer input = inputFileId == null ? null : files.get(inputFileId);
        if (input == null) {
            notFound(response, "input file " + inputFileId);
            return;
        }
        String id = "batch_" + ids.incrementAndGet();
        long now = System.currentTimeMillis() / 1000;
        JsonObject batch = new JsonObject().put("id", id).put("object", "batch")
                .put("endpoint", json.getString("endpoint")).put("errors", null).put("input_file_id", inputFileId)
                .put("completion_window", json.getString("completion_window", "24h")).put("status", "in_progress")
                .put("output_file_id", null).put("error_file_id", null).put("created_at", now)
                .put("in_progress_at", now).put("expires_at", now + 86_400)
                .put("metadata", json.getJsonObject("metadata"));
        List<JsonObject> lines = new ArrayList<>();
        String invalid = BatchRequests.parse(input, lines);
        batch.put("request_counts", counts(lines.size(), 0, 0));
        lines.forEach(line -> submitted.computeIfAbsent(line.getString("custom_id"), k -> new AtomicInteger())
                .incrementAndGet());
        batches.put(id, batch);
        if (invalid != null) {
            end(batch, "failed", "failed_at");
            batch.put("errors", new JsonObject().put("object", "list").put("data", new JsonArray()
                    .add(new JsonObject().put("code", "invalid_request").put("message", invalid))));
        } else {
            vertx.setTimer(Math.max(1, duration.toMillis()), t -> finish(batch, lines));
        }
        reply(response, 200, copy(batch));
    }

    private void finish(JsonObject batch, List<JsonObject> lines) {
        synchronized (batch) {
            if (!"in_progress".equals(batch.getString("status"))) {
                return;
            }
            Buffer output = Buffer.buffer();
            Buffer errors = Buffer.buffer();
            int completed = 0;
            int expired = 0;
            for (JsonObject line : lines) {
                JsonObject result = BatchRequests.result(line, ids);
                if (result.getValue("error") != null) {
                    expired++;
                }
                boolean ok = result.getJsonObject("response") != null
                        && result.getJsonObject("response").getInteger("status_code") == 200;
                completed += ok ? 1 : 0;
                (ok ? output : errors).appendString(result.encode()).appendString("\n");
            }
            batch.put("request_counts", counts(lines.size(), completed, lines.size() - completed));
            batch.put("output_file_id", store(output));
            batch.put("error_file_id", store(errors));
            end(batch, expired > 0 ? "expired" : "completed", expired > 0 ? "expired_at" : "completed_at");
        }
    }

    private void cancel(HttpServerResponse response, String id) {
        JsonObject batch = batches.get(id);
        if (batch == null) {
            notFound(response, "batch " + id);
            return;
        }
        synchronized (batch) {
            if ("in_progress".equals(batch.getString("status"))) {
                end(batch, "cancelled", "cancelled_at");
            }
            reply(response, 200, batch.copy());
        }
    }

    private String store(Buffer content) {
        if (content.length() == 0) {
            return null;
        }
        String id = "file-" + ids.incrementAndGet();
        files.put(id, content);
        return id;
    }

    private static void end(JsonObject batch, String status, String at) {
        batch.put("status", status).put(at, System.currentTimeMillis() / 1000);
    }

    private static JsonObject copy(JsonObject batch) {
        synchronized (batch) {
            return batch.copy();
        }
    }

    private static JsonObject counts(int total, int completed, int failed) {
        return new JsonObject().put("total", total).put("completed", completed).put("failed", failed);
    }

    private static JsonObject fileObject(String id, String name, long bytes, String purpose) {
        return new JsonObject().put("id", id).put("object", "file").put("bytes", bytes)
                .put("created_at", System.currentTimeMillis() / 1000).put("filename", name).put("purpose", purpose);
    }

    private static void notFound(HttpServerResponse response, String what) {
        reply(response, 404, Replies.error(404, "no such " + what));
    }

    private static void reply(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
