package io.evalstream.aggregator.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.aggregator.streams.StateJson;
import io.evalstream.contracts.BearerAuth;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the other instances of the aggregator for their slices ({@link PeerResource}), all at once, with this
 * instance's own API token. Any instance that does not answer whole and in time makes the whole answer unavailable.
 */
@ApplicationScoped
public class Peers {

    static final String TALLIES = "/cluster/tallies";
    static final String SAMPLES = "/cluster/samples";
    private static final TypeReference<Slice<Tally>> TALLY_SLICE = new TypeReference<>() {
    };
    private static final TypeReference<Slice<GradedSample>> SAMPLE_SLICE = new TypeReference<>() {
    };

    private final HttpClient http;
    private final ObjectMapper json = StateJson.mapper();
    private final Duration timeout;
    private final boolean authEnabled;
    private final Optional<List<String>> tokens;
    private final Optional<Path> tokenFile;

    Peers(@ConfigProperty(name = "evalstream.aggregator.peer-timeout", defaultValue = "30s") Duration timeout,
            @ConfigProperty(name = "evalstream.auth.enabled", defaultValue = "true") boolean authEnabled,
            @ConfigProperty(name = "evalstream.auth.token") Optional<List<String>> tokens,
            @ConfigProperty(name = "evalstream.auth.token-file") Optional<Path> tokenFile) {
        this.timeout = timeout;
        this.authEnabled = authEnabled;
        this.tokens = tokens;
        this.tokenFile = tokenFile;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** The tallies each of {@code hosts} holds of run {@code runId} (every run's with null). */
    public List<Slice<Tally>> tallies(List<HostInfo> hosts, String runId) {
        return ask(hosts, TALLIES, runId, TALLY_SLICE);
    }

    /** The latest samples each of {@code hosts} holds of run {@code runId}. */
    public List<Slice<GradedSample>> samples(List<HostInfo> hosts, String runId) {
        return ask(hosts, SAMPLES, runId, SAMPLE_SLICE);
    }

    private <V> List<Slice<V>> ask(List<HostInfo> hosts, String path, String runId, TypeReference<Slice<V>> type) {
        List<CompletableFuture<Slice<V>>> answers = hosts.stream().map(host -> ask(host, path, runId, type)).toList();
        try {
            return answers.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof PeerUnavailable unavailable ? unavailable
                    : new PeerUnavailable("an aggregator instance did not answer: " + e.getCause());
        }
    }

    private <V> CompletableFuture<Slice<V>> ask(HostInfo host, String path, String runId,
            TypeReference<Slice<V>> type) {
        String where = host.host() + ":" + host.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + where + path
                + (runId == null ? "" : "?run=" + URLEncoder.encode(runId, StandardCharsets.UTF_8))))
                .timeout(timeout).header("Accept", "application/json").GET();
        token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) {
                throw new PeerUnavailable("aggregator instance " + where + " did not answer (" + failure + ")");
            }
            if (response.statusCode() != 200) {
                throw new PeerUnavailable("aggregator instance " + where + " answered " + response.statusCode()
                        + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            try {
                return json.readValue(response.body(), type);
            } catch (IOException e) {
                throw new PeerUnavailable("aggregator instance " + where + " sent an unreadable slice: " + e);
            }
        });
    }

    // Read per call, so a rotated token file is followed as the request filter follows it.
    private Optional<String> token() {
        if (!authEnabled) {
            return Optional.empty();
        }
        if (tokens.isPresent() && !tokens.get().isEmpty()) {
            return Optional.of(tokens.get().getFirst());
        }
        return tokenFile.flatMap(file -> {
            try {
                return BearerAuth.parseTokenFile(Files.readString(file, StandardCharsets.UTF_8)).stream().findFirst();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the token file " + file, e);
            }
        });
    }
}
