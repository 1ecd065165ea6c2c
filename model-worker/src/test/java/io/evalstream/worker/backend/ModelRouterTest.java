package io.evalstream.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ModelRouterTest {

    private static final PromptTask TASK = Tasks.numeric("run-1", "m", "q1", "72");

    private static ModelRouter routerWith(Function<PromptTask, CompletionStage<ModelReply>> call) {
        ModelBackend backend = new FakeBackend(call);
        return new ModelRouter(Map.of("m", backend, "other", backend));
    }

    private static Completion complete(ModelRouter router) {
        CompletableFuture<Completion> stage = router.complete(TASK).toCompletableFuture();
        assertThat(stage).isDone();
        return stage.join();
    }

    @Test
    void replyBecomesAnOkCompletionWithItsUsage() {
        Completion completion = complete(routerWith(t -> CompletableFuture.completedStage(
                new ModelReply("The answer is 72.", new TokenUsage(40, 5)))));

        assertThat(completion.status()).isEqualTo(CompletionStatus.OK);
        assertThat(completion.text()).isEqualTo("The answer is 72.");
        assertThat(completion.usage()).isEqualTo(new TokenUsage(40, 5));
        assertThat(completion.backend()).isEqualTo("fake");
        assertThat(completion.simulated()).isFalse();
        assertThat(completion.attempts()).isEqualTo(1);
        assertThat(completion.task()).isEqualTo(TASK);
    }

    @Test
    void classifiedFailureBecomesAnErrorCompletionWithItsKindAndMessage() {
        Completion completion = complete(routerWith(t -> CompletableFuture.failedStage(
                new ModelCallException(ErrorKind.RATE_LIMITED, "POST http://x/v1/chat/completions returned HTTP 429"))));

        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(completion.error().message()).contains("HTTP 429");
        assertThat(completion.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void unclassifiedTransportFailureIsClassifiedByItsCause() {
        Completion completion = complete(routerWith(t -> CompletableFuture.failedStage(new ConnectException("refused"))));

        assertThat(completion.error().kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(completion.error().message()).isEqualTo("fake backend failed: ConnectException: refused");
    }

    @Test
    void backendThatThrowsInsteadOfFailingItsStageStillYieldsACompletion() {
        Completion completion = complete(routerWith(t -> {
            throw new IllegalStateException("backend bug");
        }));

        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.INTERNAL);
        assertThat(completion.error().message()).contains("IllegalStateException: backend bug");
    }

    @Test
    void endsATaskForAModelItDoesNotServeAsATerminalErrorNamingTheConfiguredOnes() {
        ModelRouter router = routerWith(t -> CompletableFuture.completedStage(null));
        PromptTask unserved = Tasks.numeric("run-1", "gpt-9", "q1", "1");

        CompletableFuture<Completion> stage = router.complete(unserved).toCompletableFuture();

        assertThat(router.serves(TASK)).isTrue();
        assertThat(router.serves(unserved)).isFalse();
        assertThat(stage).isDone();
        Completion completion = stage.join();
        assertThat(completion.task()).isEqualTo(unserved);
        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.NO_WORKER_FOR_MODEL);
        assertThat(completion.error().message())
                .isEqualTo("model 'gpt-9' is not configured on this worker; configured: [m, other]");
        assertThat(completion.backend()).isEqualTo(ModelRouter.NO_BACKEND);
    }
}
