package io.evalstream.stub;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stub does to the requests of one prompt, written into the prompt itself so that a test (or a
 * task on a Kafka topic) carries its own fault: {@code [[stub:status=429,retry-after=2,times=1]]}. The
 * fault hits the first {@code times} requests of that prompt (every request when {@code times} is absent);
 * later requests are answered normally, so a retried task recovers after exactly that many failures.
 *
 * <p>Settings, comma-separated: {@code status=N} (an error status with a JSON error body),
 * {@code retry-after=S} (seconds, with status 429/503), {@code retry-after-date=S} (the same as an HTTP
 * date S seconds ahead), {@code hang} (never answer), {@code reset} (send part of the answer, then close
 * the connection), {@code malformed} (a 200 whose JSON or SSE event does not parse), {@code truncate}
 * (an SSE stream that ends before {@code [DONE]}; a JSON body cut short), {@code echo-key} (a 401 whose
 * body quotes the Authorization header back), {@code latency=MS} (this prompt's latency),
 * {@code times=N}, {@code hold=GATE} (held unanswered until the test calls {@link OpenAiStub#release}{@code (GATE)},
 * then answered normally: a test counts how many calls are in flight at once instead of timing them). Floods, each written as fast as the client reads and stopped when it hangs up:
 * {@code gzip-bomb[=MiB]} (a 200 of about 1/1000 its size, {@code Content-Encoding: gzip}, inflating to 1 GiB of
 * JSON-ish bytes by default), {@code endless-line} (a 200 SSE stream whose {@code data:} line never ends) and
 * {@code huge-error[=MB]} (an error status, {@code status=N} or 500, with a 50 MB body by default). In a batch
 * ({@link Batches}): {@code batch-expire} (the request expires unanswered) and {@code batch-fail} (the batch fails).
 *
 * @param megabytes size of a gzip bomb (inflated, MiB) or of a huge error body (MB); 0 for other kinds
 * @param gate the gate a {@link Kind#HOLD} request waits at; null for other kinds
 */
public record Fault(Kind kind, int status, Integer retryAfterSeconds, boolean retryAfterAsDate, Duration latency,
        Integer times, int megabytes, String gate) {

    /** The kinds of misbehaviour. */
    public enum Kind {
        NONE, STATUS, HANG, HOLD, RESET, MALFORMED, TRUNCATE, ECHO_KEY, GZIP_BOMB, ENDLESS_LINE, HUGE_ERROR,
        /** In a batch: this request expires unanswered, so its batch ends {@code expired}. */
        BATCH_EXPIRE,
        /** In a batch: the whole batch fails validation. */
        BATCH_FAIL
    }

    private static final int BOMB_MIB = 1024;
    private static final int HUGE_ERROR_MB = 50;

    private static final Pattern DIRECTIVE = Pattern.compile("\\[\\[stub:([^\\]]*)]]");

    /** The fault written into {@code prompt}, or null when it has none. */
    public static Fault in(String prompt) {
        if (!prompt.contains("[[stub:")) {
            return null;
        }
        Matcher matcher = DIRECTIVE.matcher(prompt);
        return matcher.find() ? parse(matcher.group(1)) : null;
    }

    /** Parses the settings between {@code [[stub:} and {@code ]]}. */
    public static Fault parse(String settings) {
        Kind kind = Kind.NONE;
        int status = 0;
        Integer retryAfter = null;
        boolean asDate = false;
        Duration latency = null;
        Integer times = null;
        Kind flood = null;
        int megabytes = 0;
        String gate = null;
        for (String part : settings.split(",")) {
            String[] kv = part.strip().split("=", 2);
            String key = kv[0].strip().toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].strip() : "";
            switch (key) {
                case "status" -> {
                    kind = Kind.STATUS;
                    status = Integer.parseInt(value);
                }
                case "retry-after" -> retryAfter = Integer.parseInt(value);
                case "retry-after-date" -> {
                    retryAfter = Integer.parseInt(value);
                    asDate = true;
                }
                case "hang" -> kind = Kind.HANG;
                case "hold" -> {
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("hold needs a gate name, hold=GATE, in '" + settings + "'");
                    }
                    kind = Kind.HOLD;
                    gate = value;
                }
                case "reset" -> kind = Kind.RESET;
                case "malformed" -> kind = Kind.MALFORMED;
                case "truncate" -> kind = Kind.TRUNCATE;
                case "echo-key" -> kind = Kind.ECHO_KEY;
                case "batch-expire" -> kind = Kind.BATCH_EXPIRE;
                case "batch-fail" -> kind = Kind.BATCH_FAIL;
                case "latency" -> latency = Duration.ofMillis(Long.parseLong(value));
                case "times" -> times = Integer.parseInt(value);
                case "gzip-bomb" -> {
                    flood = Kind.GZIP_BOMB;
                    megabytes = value.isEmpty() ? BOMB_MIB : Integer.parseInt(value);
                }
                case "endless-line" -> flood = Kind.ENDLESS_LINE;
                case "huge-error" -> {
                    flood = Kind.HUGE_ERROR;
                    megabytes = value.isEmpty() ? HUGE_ERROR_MB : Integer.parseInt(value);
                }
                case "" -> {
                }
                default -> throw new IllegalArgumentException("unknown stub fault setting '" + key + "' in '"
                        + settings + "'");
            }
        }
        if (flood != null) {
            // A flood wins over a plain status, which only sets a huge error's status.
            return new Fault(flood, flood == Kind.HUGE_ERROR && status == 0 ? 500 : status, retryAfter, asDate,
                    latency, times, megabytes, null);
        }
        return new Fault(kind, status, retryAfter, asDate, latency, times, 0, gate);
    }

    /** Whether the {@code n}-th request (1-based) of the prompt is hit. */
    public boolean hits(int n) {
        return kind != Kind.NONE && (times == null || n <= times);
    }
}
