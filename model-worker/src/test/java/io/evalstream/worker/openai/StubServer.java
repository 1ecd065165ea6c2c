package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.evalstream.contracts.PromptTask;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local OpenAI stub and one Vert.x for a test class ({@code @RegisterExtension static}), and one call at a time
 * to the stub through a backend of its own, closed after the call.
 */
final class StubServer implements BeforeAllCallback, AfterAllCallback {

    private OpenAiStub stub;
    private Vertx vertx;

    @Override
    public void beforeAll(ExtensionContext context) {
        stub = OpenAiStub.start();
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stub.close();
        vertx.close();
    }

    OpenAiStub stub() {
        return stub;
    }

    Vertx vertx() {
        return vertx;
    }

    URI baseUri() {
        return URI.create(stub.baseUrl());
    }

    ModelReply call(OpenAiEndpoint endpoint, PromptTask task) {
        OpenAiBackend backend = OpenAiBackend.create(endpoint, vertx);
        try {
            return backend.complete(task).toCompletableFuture().join();
        } finally {
            backend.close();
        }
    }

    /** The call's failure, which must be a {@link ModelCallException}: the backend's one way to fail. */
    ModelCallException failure(OpenAiEndpoint endpoint, PromptTask task) {
        Throwable thrown = catchThrowable(() -> call(endpoint, task));
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ModelCallException.class);
        return (ModelCallException) thrown.getCause();
    }
}
