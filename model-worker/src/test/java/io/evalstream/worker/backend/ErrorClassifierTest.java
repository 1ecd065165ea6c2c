package io.evalstream.worker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.ErrorKind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class ErrorClassifierTest {

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource(textBlock = """
            400, CLIENT_ERROR
            401, CLIENT_ERROR
            403, CLIENT_ERROR
            404, CLIENT_ERROR
            408, TIMEOUT
            413, CLIENT_ERROR
            422, CLIENT_ERROR
            429, RATE_LIMITED
            500, SERVER_ERROR
            502, SERVER_ERROR
            503, SERVER_ERROR
            504, SERVER_ERROR
            529, SERVER_ERROR
            302, CLIENT_ERROR
            """)
    void classifiesHttpStatuses(int status, ErrorKind expected) {
        assertThat(ErrorClassifier.ofStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: retryable {1}, unhealthy {2}")
    @CsvSource(textBlock = """
            RATE_LIMITED,       true,  false
            SERVER_ERROR,       true,  true
            TIMEOUT,            true,  true
            CONNECTION,         true,  true
            MALFORMED_RESPONSE, true,  true
            CLIENT_ERROR,       false, false
            BAD_INPUT,          false, false
            UNKNOWN_MODEL,      false, false
            NO_WORKER_FOR_MODEL, false, false
            UNGRADABLE,         false, false
            INTERNAL,           false, false
            """)
    void decidesWhichKindsAreRetriedAndWhichCountAgainstTheBreaker(ErrorKind kind, boolean retryable,
            boolean unhealthy) {
        assertThat(ErrorClassifier.retryable(kind)).isEqualTo(retryable);
        assertThat(ErrorClassifier.unhealthy(kind)).isEqualTo(unhealthy);
        assertThat(ErrorClassifier.retryable(new ModelCallException(kind, "failed"))).as("a call failing with it")
                .isEqualTo(retryable);
        assertThat(ErrorClassifier.retryable(ModelCallException.terminal(kind, "failed"))).as("a terminal failure")
                .isFalse();
    }

    @Test
    void aTerminalFailureKeepsBeingTerminalWhenItsMessageIsRewritten() {
        // Issue 24: a reply over its size cap is re-worded with the endpoint's name on its way out of the call.
        ModelCallException capped = ModelCallException.terminal(ErrorKind.MALFORMED_RESPONSE, "over the cap");

        ModelCallException named = capped.withMessage("POST http://x/v1/chat/completions over the cap", null);

        assertThat(named.terminal()).isTrue();
        assertThat(named.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(ErrorClassifier.unhealthy(named.kind())).as("still counts against the breaker, once").isTrue();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("request timed out", new HttpTimeoutException("request timed out"), ErrorKind.TIMEOUT),
                Arguments.of("timeout inside CompletionException",
                        new CompletionException(new HttpTimeoutException("request timed out")), ErrorKind.TIMEOUT),
                Arguments.of("future timeout", new TimeoutException(), ErrorKind.TIMEOUT),
                Arguments.of("connect timeout", new HttpConnectTimeoutException("HTTP connect timed out"),
                        ErrorKind.CONNECTION),
                Arguments.of("connection refused", new CompletionException(new ConnectException()),
                        ErrorKind.CONNECTION),
                Arguments.of("connection reset", new CompletionException(new SocketException("Connection reset")),
                        ErrorKind.CONNECTION),
                Arguments.of("closed early", new ExecutionException(new EOFException("EOF reached while reading")),
                        ErrorKind.CONNECTION),
                Arguments.of("closed channel", new IOException(new ClosedChannelException()), ErrorKind.CONNECTION),
                Arguments.of("classified call, wrapped",
                        new CompletionException(new ModelCallException(ErrorKind.RATE_LIMITED, "HTTP 429")),
                        ErrorKind.RATE_LIMITED),
                Arguments.of("bug", new NullPointerException("text"), ErrorKind.INTERNAL),
                Arguments.of("bug, wrapped", new CompletionException(new IllegalStateException("oops")),
                        ErrorKind.INTERNAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifiesFailuresByWalkingTheCauseChain(String name, Throwable failure, ErrorKind expected) {
        assertThat(ErrorClassifier.of(failure)).isEqualTo(expected);
    }

    @Test
    void stopsOnACauseChainThatLoops() {
        LoopingException first = new LoopingException();
        LoopingException second = new LoopingException();
        first.next = second;
        second.next = first;

        assertThat(ErrorClassifier.of(first)).isEqualTo(ErrorKind.INTERNAL);
        assertThat(ErrorClassifier.findCall(first)).isNull();
    }

    private static final class LoopingException extends RuntimeException {
        private Throwable next;

        @Override
        public synchronized Throwable getCause() {
            return next;
        }
    }
}
