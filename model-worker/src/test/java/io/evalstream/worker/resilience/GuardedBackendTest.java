package io.evalstream.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.backend.Served;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class GuardedBackendTest {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static final PromptTask TASK = Tasks.numeric("run-1", "m", "q1", "72");
    private static final ModelReply REPLY = new ModelReply("The answer is 72.", new TokenUsage(40, 5), 12L);

    @AfterAll
    static void stop() {
        TIMER.shutdownNow();
    }

    private static ResiliencePolicy policy(int concurrency, long rpm, int attempts) {
        return new ResiliencePolicy("m", new CallLimits(concurrency, rpm, 0), retry(attempts),
                new BreakerPolicy(1.0, 1_000, Duration.ofSeconds(1)), Duration.ofSeconds(2));
    }

    private static RetryPolicy retry(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofSeconds(3), 0.2);
    }

    /** A backend failing its first {@code failures} calls with {@code kind}, then answering. */
    private static final class Flaky implements ModelBackend {
        final AtomicInteger calls = new AtomicInteger();
        final List<Long> callNanos = new ArrayList<>();
        final int failures;
        final ErrorKind kind;
        final Duration retryAfter;
        final boolean terminal;

        Flaky(int failures, ErrorKind kind, Duration retryAfter) {
            this(failures, kind, retryAfter, false);
        }

        /** @param terminal whether its failures are {@linkplain ModelCallException#terminal() terminal} */
        Flaky(int failures, ErrorKind kind, Duration retryAfter, boolean terminal) {
            this.failures = failures;
            this.kind = kind;
            this.retryAfter = retryAfter;
            this.terminal = terminal;
        }

        @Override
        public String kind() {
            return "fake";
        }

        @Override
        public synchronized CompletionStage<ModelReply> complete(PromptTask task) {
            callNanos.add(System.nanoTime());
            if (calls.incrementAndGet() <= failures) {
                return CompletableFuture.failedStage(terminal ? ModelCallException.terminal(kind, "call failed with "
                        + kind) : new ModelCallException(kind, "call failed with " + kind, null, retryAfter));
            }
            return CompletableFuture.completedStage(REPLY);
        }
    }

    private static Served serve(ModelBackend backend, ResiliencePolicy policy) {
        return new GuardedBackend(backend, policy, new WorkShare(), TIMER, CallListener.NONE).serve(TASK)
                .toCompletableFuture().join();
    }

    @ParameterizedTest(name = "{1} x{0} -> calls {2}, ok {3}")
    @CsvSource(textBlock = """
            0, SERVER_ERROR,       1, true
            1, SERVER_ERROR,       2, true
            3, SERVER_ERROR,       4, true
            4, SERVER_ERROR,       4, false
            2, RATE_LIMITED,       3, true
            2, TIMEOUT,            3, true
            2, CONNECTION,         3, true
            2, MALFORMED_RESPONSE, 3, true
            9, CLIENT_ERROR,       1, false
            9, BAD_INPUT,          1, false
            9, INTERNAL,           1, false
            """)
    void retriesOnlyRetryableKindsAndCountsEveryCall(int failures, ErrorKind kind, int calls, boolean ok) {
        Flaky backend = new Flaky(failures, kind, null);
        Served served = serve(backend, policy(8, 0, 4));

        assertThat(served.attempts()).isEqualTo(calls);
        assertThat(backend.calls.get()).isEqualTo(calls);
        assertThat(served.reply() != null).isEqualTo(ok);
        if (!ok) {
            assertThat(((ModelCallException) served.failure()).kind()).isEqualTo(kind);
        }
    }

    @Test
    void aReplyOverItsCapIsNotRetriedButCountsOnceAgainstTheBreaker() {
        // Issue 24: a flood is MALFORMED_RESPONSE (the endpoint is unhealthy) yet terminal (another call reads the
        // same flood). Four tasks flooded once each fill a window of four: the breaker opens, counting calls, not tries.
        Flaky flooding = new Flaky(100, ErrorKind.MALFORMED_RESPONSE, null, true);
        List<BreakerState> states = new CopyOnWriteArrayList<>();
        ResiliencePolicy breaker = new ResiliencePolicy("m", new CallLimits(8, 0, 0), retry(4),
                new BreakerPolicy(0.5, 4, Duration.ofSeconds(30)), Duration.ofSeconds(2));
        GuardedBackend guarded = new GuardedBackend(flooding, breaker, new WorkShare(), TIMER, new CallListener() {
            @Override
            public void breakerChanged(BreakerState state) {
                states.add(state);
            }
        });

        for (int task = 1; task <= 4; task++) {
            Served served = guarded.serve(TASK).toCompletableFuture().join();
            assertThat(served.attempts()).as("calls for task %d", task).isEqualTo(1);
            assertThat(served.failure()).isInstanceOfSatisfying(ModelCallException.class, f -> {
                assertThat(f.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                assertThat(f.terminal()).isTrue();
            }).hasMessage("call failed with MALFORMED_RESPONSE");
        }
        assertThat(flooding.calls.get()).isEqualTo(4);
        assertThat(states).containsExactly(BreakerState.CLOSED, BreakerState.OPEN);
    }

    @Test
    void waitsAtLeastTheServersRetryAfter() {
        Flaky backend = new Flaky(1, ErrorKind.RATE_LIMITED, Duration.ofMillis(700));
        Served served = serve(backend, policy(8, 0, 4));

        assertThat(served.attempts()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(backend.callNanos.get(1) - backend.callNanos.get(0)))
                .isGreaterThanOrEqualTo(700);
    }

    @Test
    void givesUpAtOnceWhenRetryAfterIsLongerThanTheLongestBackoff() {
        Flaky backend = new Flaky(1, ErrorKind.RATE_LIMITED, Duration.ofMinutes(10));
        Served served = serve(backend, policy(8, 0, 4));

        assertThat(served.attempts()).isEqualTo(1);
        assertThat(served.failure()).hasMessageContaining("the server asked to retry after PT10M, longer than"
                + " retry.max-delay PT3S");
    }

    @Test
    void capsCallsInFlightWithoutHoldingThreads() {
        // Counted, not timed: the backend holds every call until the test answers it, so what is in flight at any
        // moment is exactly what the guard let through, and 1,995 callers wait at once for a permit.
        int calls = 2_000;
        int cap = 5;
        Queue<CompletableFuture<ModelReply>> open = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ModelBackend held = new ModelBackend() {
            @Override
            public String kind() {
                return "fake";
            }

            @Override
            public CompletionStage<ModelReply> complete(PromptTask task) {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<ModelReply> reply = new CompletableFuture<>();
                open.add(reply);
                return reply;
            }
        };
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        GuardedBackend guarded = new GuardedBackend(held, policy(cap, 0, 1), new WorkShare(), TIMER,
                CallListener.NONE);
        List<CompletableFuture<Served>> all = IntStream.range(0, calls)
                .mapToObj(i -> guarded.serve(TASK).toCompletableFuture()).toList();

        assertThat(inFlight.get()).as("calls let through at once").isEqualTo(cap);
        assertThat(all).noneMatch(CompletableFuture::isDone);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .as("threads started for %d waiting calls", calls - cap).isLessThan(16);
        for (int answered = 0; answered < calls; answered++) {
            // The freed permit normally starts the next call at once, on this thread; waiting is only a fallback.
            CompletableFuture<ModelReply> next = await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .atMost(Duration.ofSeconds(10)).until(open::poll, Objects::nonNull);
            inFlight.decrementAndGet();
            next.complete(REPLY);
        }

        assertThat(all).allSatisfy(s -> assertThat(s.join().reply()).isEqualTo(REPLY));
        assertThat(peak.get()).as("most calls in flight at once").isEqualTo(cap);
    }

    @Test
    void waitsForTheRequestBudgetInsteadOfFailing() {
        Flaky backend = new Flaky(0, ErrorKind.SERVER_ERROR, null);
        GuardedBackend guarded = new GuardedBackend(backend, policy(64, 1_200, 1), new WorkShare(), TIMER,
                CallListener.NONE);
        long start = System.nanoTime();
        List<CompletableFuture<Served>> all = IntStream.range(0, 60)
                .mapToObj(i -> guarded.serve(TASK).toCompletableFuture()).toList();

        assertThat(all).allSatisfy(s -> assertThat(s.join().reply()).isEqualTo(REPLY));
        // 1,200 a minute is 20 a second with a burst of 20: the other 40 take two seconds.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1_800L, 6_000L);
    }

    /**
     * A rebalance that shrinks this replica's share shrinks its token bucket below what a call would reserve at the
     * old share; calls are still served (at the new rate), and served again when the share grows back.
     */
    @Test
    void callsAreServedThroughRebalancesThatShrinkAndGrowTheShare() {
        WorkShare share = new WorkShare();
        ResiliencePolicy tokensBudget = new ResiliencePolicy("m", new CallLimits(8, 0, 6_000), retry(1),
                new BreakerPolicy(1.0, 1_000, Duration.ofSeconds(1)), Duration.ofSeconds(2));
        GuardedBackend guarded = new GuardedBackend(new Flaky(0, ErrorKind.SERVER_ERROR, null), tokensBudget, share,
                TIMER, CallListener.NONE);

        share.set(new WorkShare.Share(1, 6));
        List<CompletableFuture<Served>> shrunk = IntStream.range(0, 3)
                .mapToObj(i -> guarded.serve(TASK).toCompletableFuture()).toList();
        share.set(new WorkShare.Share(6, 6));
        List<CompletableFuture<Served>> grown = IntStream.range(0, 3)
                .mapToObj(i -> guarded.serve(TASK).toCompletableFuture()).toList();

        assertThat(shrunk).allSatisfy(s -> assertThat(s.orTimeout(20, TimeUnit.SECONDS).join().reply())
                .isEqualTo(REPLY));
        assertThat(grown).allSatisfy(s -> assertThat(s.orTimeout(20, TimeUnit.SECONDS).join().reply())
                .isEqualTo(REPLY));
    }

    @ParameterizedTest(name = "{0} ms ±{1} at {2} = {3}")
    @CsvSource(textBlock = """
            1000, 0.2, 0.0,  800
            1000, 0.2, 0.5,  1000
            1000, 0.2, 0.999, 1200
            1000, 0,   0.7,  1000
            0,    0.5, 0.9,  0
            """)
    void jitterMovesTheBackoffEitherWay(long base, double jitter, double random, long expected) {
        assertThat(RetryBackoff.jittered(base, jitter, random)).isEqualTo(expected);
    }
}
