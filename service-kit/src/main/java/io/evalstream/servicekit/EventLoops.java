package io.evalstream.servicekit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One Vert.x context on each of as many distinct event loops as there are cores, to spread per-task work over them.
 * Asking Vert.x for "the next" loop is not enough: under Quarkus two contexts asked for in a row came back on the
 * same loop, so one thread parsed every model reply in the worker while the other core idled (the worker bench reached half its
 * ideal rate). The loops are the first of Vert.x's group, so two instances made from one Vert.x share them.
 */
public final class EventLoops {

    private final EventLoop[] loops;
    private final Context[] contexts;
    private final AtomicInteger next = new AtomicInteger();

    private EventLoops(EventLoop[] loops, Context[] contexts) {
        this.loops = loops;
        this.contexts = contexts;
    }

    /** Up to {@code most} of {@code vertx}'s event loops, at most one per core, each with a context of its own. */
    public static EventLoops of(Vertx vertx, int most) {
        VertxInternal internal = (VertxInternal) vertx;
        int wanted = Math.max(1, Math.min(most, Runtime.getRuntime().availableProcessors()));
        List<EventLoop> found = new ArrayList<>();
        for (EventExecutor executor : internal.getEventLoopGroup()) {
            if (executor instanceof EventLoop loop && found.size() < wanted) {
                found.add(loop);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("Vert.x has no event loop to run on");
        }
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        Context[] contexts = new Context[found.size()];
        for (int i = 0; i < contexts.length; i++) {
            // Internal API, stable through Vert.x 4: a context on exactly this loop.
            contexts[i] = internal.createEventLoopContext(found.get(i), null, classLoader);
        }
        return new EventLoops(found.toArray(EventLoop[]::new), contexts);
    }

    public int size() {
        return loops.length;
    }

    public Context context(int index) {
        return contexts[index];
    }

    /** The index of the loop the calling thread runs, or -1 when it runs none of them. */
    public int current() {
        ContextInternal current = ContextInternal.current();
        if (current == null || !current.isEventLoopContext()) {
            return -1;
        }
        for (int i = 0; i < loops.length; i++) {
            if (loops[i] == current.nettyEventLoop() && loops[i].inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    /** The next loop's index, round-robin. */
    public int next() {
        return Math.floorMod(next.getAndIncrement(), loops.length);
    }

    /** Runs {@code work} on the next loop, round-robin; its stage completes with what the work's stage gives. */
    public <T> CompletionStage<T> onNext(Supplier<CompletionStage<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        contexts[next()].runOnContext(v -> {
            try {
                work.get().whenComplete((value, failure) -> {
                    if (failure == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
