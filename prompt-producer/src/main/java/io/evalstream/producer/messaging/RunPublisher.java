package io.evalstream.producer.messaging;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.WireFormat;
import io.evalstream.producer.config.ProducerConfig;
import io.evalstream.producer.run.CompletionImport;
import io.evalstream.producer.run.RunPlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes a run: the manifest first, acknowledged, then every task with a bounded number in flight. */
@ApplicationScoped
public class RunPublisher {

    private static final WireFormat<RunManifest> MANIFEST = WireFormat.of(RunManifest.class);
    private static final WireFormat<PromptTask> TASK = WireFormat.of(PromptTask.class);
    private static final WireFormat<Completion> COMPLETION = WireFormat.of(Completion.class);
    private static final int CHUNK = 128;

    // Several runs may publish at once, each with up to publish.concurrency sends waiting for the sink.
    @Inject
    @Channel("tasks")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<byte[]> tasks;

    @Inject
    @Channel("runs")
    MutinyEmitter<byte[]> runs;

    @Inject
    @Channel("imported-completions")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<byte[]> importedCompletions;

    @Inject
    ProducerConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    /** Completes with the number of tasks published once the broker acknowledged every one; fails on the first error. */
    public Uni<Long> publish(RunPlan plan) {
        return send(runs, plan.runId(), MANIFEST.encode(plan.manifest()))
                .chain(() -> Multi.createFrom().iterable(plan.tasks())
                        // Rendering and encoding run on worker threads, never on an event loop or the Kafka I/O thread.
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        // Chunks keep merge's bookkeeping per acknowledgement constant; chunks × CHUNK bound what is in flight.
                        .group().intoLists().of(CHUNK)
                        .onItem().transformToUni(this::send)
                        .merge(Math.max(1, config.publish().concurrency() / CHUNK))
                        .collect().with(Collectors.summingLong(Integer::longValue)))
                .invoke(() -> registry.counter("evalstream.runs.submitted").increment());
    }

    /**
     * Publishes completions made elsewhere as a run: the manifest expecting exactly them, acknowledged, then each
     * completion onto the completions topic, where the graders take it as a worker's. Completes with their count.
     */
    public Uni<Long> publish(CompletionImport imported) {
        RunManifest manifest = imported.manifest();
        return send(runs, manifest.runId(), MANIFEST.encode(manifest))
                .chain(() -> Uni.join().all(imported.completions().stream()
                        .map(completion -> send(importedCompletions, completion.taskId().toString(),
                                COMPLETION.encode(completion))).toList()).andFailFast())
                .replaceWith((long) imported.completions().size());
    }

    private Uni<Integer> send(List<PromptTask> chunk) {
        return Uni.join().all(chunk.stream().map(this::send).toList()).andFailFast().replaceWith(chunk.size());
    }

    private Uni<String> send(PromptTask task) {
        String benchmark = task.taskId().benchmarkId();
        return send(tasks, task.taskId().toString(), TASK.encode(task))
                .invoke(() -> published.computeIfAbsent(benchmark,
                        id -> registry.counter("evalstream.tasks.published", "benchmark", id)).increment())
                .replaceWith(benchmark);
    }

    private static Uni<Void> send(MutinyEmitter<byte[]> emitter, String key, byte[] value) {
        return emitter.sendMessage(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
