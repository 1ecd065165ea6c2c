package io.evalstream.worker.backend;

import io.evalstream.contracts.PromptTask;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A backend whose answer a test decides. */
final class FakeBackend implements ModelBackend {

    private final Function<PromptTask, CompletionStage<ModelReply>> call;

    FakeBackend(Function<PromptTask, CompletionStage<ModelReply>> call) {
        this.call = call;
    }

    @Override
    public String kind() {
        return "fake";
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        return call.apply(task);
    }
}
