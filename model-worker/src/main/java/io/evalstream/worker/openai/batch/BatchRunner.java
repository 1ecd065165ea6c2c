package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.openai.batch.BatchLedger.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The life of one batch at the provider, on a virtual thread: upload its input file, create it, write its record,
 * poll it until it ends, download its output and error files and publish exactly one completion per task, then
 * tombstone its record. A provider that refuses the file or the batch ends the tasks as error completions at once.
 */
final class BatchRunner {

    private static final Logger LOG = Logger.getLogger(BatchRunner.class);
    private static final int TRIES = 3;
    /** How long past its completion window a batch that has not ended is still polled. */
    private static final Duration GRACE = Duration.ofHours(1);

    private final BatchLedger ledger;
    private final Function<Completion, CompletionStage<Void>> sink;

    BatchRunner(BatchLedger ledger, Function<Completion, CompletionStage<Void>> sink) {
        this.ledger = ledger;
        this.sink = sink;
    }

    /**
     * Uploads the collected tasks' input file and records the batch to be: the recorded batch (no id yet), or empty
     * when the provider refused the file (its tasks then have their error completions).
     */
    Optional<Batch> record(BatchModel model, BatchApi api, int partition, Collecting collected)
            throws InterruptedException {
        List<PromptTask> tasks = collected.tasks();
        String fileId;
        try {
            fileId = retrying(() -> api.upload(collected.file(), model.id() + "-p" + partition + ".jsonl"));
        } catch (ModelCallException e) {
            refused(model, tasks, e);
            return Optional.empty();
        }
        List<BatchRecord> parts = BatchRecord.parts(null, model.id(), fileId, partition, Instant.now(), tasks,
                BatchRecord.PART_BYTES);
        ledger.write(parts).toCompletableFuture().join();
        return Optional.of(Batch.of(parts));
    }

    /**
     * Creates the recorded batch at the provider and records its id; with {@code lookFirst} (a batch recorded by a
     * worker that may have stopped after creating it) only when the provider has no batch of its input file. Empty
     * when the provider refused it: its tasks then have their error completions and its record is cleared.
     */
    Optional<Batch> create(BatchModel model, BatchApi api, Batch batch, boolean lookFirst)
            throws InterruptedException {
        if (batch.batchId() != null) {
            return Optional.of(batch);
        }
        BatchStatus created;
        try {
            BatchStatus existing = lookFirst ? api.findByInputFile(batch.inputFileId()) : null;
            created = existing != null ? existing : retrying(() -> api.create(batch.inputFileId(),
                    model.settings().completionWindow(), Map.of("evalstream_model", model.id(),
                            "evalstream_partition", Integer.toString(batch.partition()))));
        } catch (ModelCallException e) {
            refused(model, batch.tasks(), e);
            ledger.clear(batch).toCompletableFuture().join();
            return Optional.empty();
        }
        Batch withId = batch.created(created.id());
        ledger.write(List.of(withId.records().get(0))).toCompletableFuture().join();
        LOG.infof("Model %s: batch %s of %d tasks from partition %d submitted and recorded", model.id(), created.id(),
                batch.tasks().size(), batch.partition());
        return Optional.of(withId);
    }

    private void refused(BatchModel model, List<PromptTask> tasks, ModelCallException e) {
        LOG.warnf("Model %s: the provider refused a batch of %d tasks (%s); they end as error completions",
                model.id(), tasks.size(), e.getMessage());
        publish(tasks.stream().map(task -> Completion.failed(task, e.toError(), BatchLane.KIND, 0, 1)).toList());
    }

    /**
     * Creates the batch if its record has no id yet (see {@link #create}), then polls it until it ends and publishes
     * its completions, while {@code owned} holds.
     */
    void watch(BatchModel model, BatchApi api, Batch recorded, boolean lookFirst, BooleanSupplier owned)
            throws InterruptedException {
        Optional<Batch> created = create(model, api, recorded, lookFirst);
        if (created.isEmpty()) {
            return;
        }
        Batch batch = created.get();
        Duration window = model.settings().window();
        Instant giveUp = batch.submittedAt().plus(window).plus(GRACE);
        while (owned.getAsBoolean()) {
            try {
                BatchStatus status = api.status(batch.batchId());
                if (status.ended()) {
                    finish(api, batch, status);
                    return;
                }
            } catch (ModelCallException e) {
                LOG.warnf("Model %s: polling batch %s failed (%s); polling again in %s", model.id(),
                        batch.batchId(), e.getMessage(), model.settings().pollInterval());
            }
            if (Instant.now().isAfter(giveUp)) {
                finish(api, batch, BatchStatus.givenUp(batch.batchId()));
                return;
            }
            Thread.sleep(model.settings().pollInterval());
        }
    }

    private void finish(BatchApi api, Batch batch, BatchStatus status) {
        Map<String, PromptTask> tasks = new LinkedHashMap<>();
        batch.tasks().forEach(task -> tasks.put(task.taskId().toString(), task));
        Map<String, BatchLines.Outcome> outcomes = new LinkedHashMap<>();
        for (String file : new String[] {status.outputFileId(), status.errorFileId()}) {
            if (file != null) {
                api.lines(file, line -> {
                    BatchLines.Outcome outcome = BatchLines.outcome(line, tasks, api.api(), batch.batchId());
                    if (outcome != null) {
                        outcomes.putIfAbsent(outcome.customId(), outcome);
                    }
                });
            }
        }
        long millis = Math.max(0, Duration.between(batch.submittedAt(), Instant.now()).toMillis());
        ModelError missing = BatchLines.missing(status);
        List<Completion> completions = new ArrayList<>();
        tasks.forEach((id, task) -> {
            BatchLines.Outcome outcome = outcomes.get(id);
            completions.add(outcome != null && outcome.reply() != null
                    ? Completion.answered(task, outcome.reply().text(), ModelCall.now(BatchLane.KIND, false, millis,
                            1, outcome.reply().usage()), outcome.reply().scores())
                    : Completion.failed(task, outcome != null ? outcome.error() : missing, BatchLane.KIND, millis, 1));
        });
        publish(completions);
        ledger.clear(batch).toCompletableFuture().join();
        LOG.infof("Batch %s ended %s: %d completions published", batch.batchId(), status.status(),
                completions.size());
    }

    private void publish(List<Completion> completions) {
        CompletableFuture.allOf(completions.stream().map(sink).map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).join();
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T retrying(Call<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ModelCallException e) {
                if (attempt >= TRIES || !ErrorClassifier.retryable(e.kind())) {
                    throw e;
                }
                Thread.sleep(Duration.ofSeconds(attempt));
            }
        }
    }
}
