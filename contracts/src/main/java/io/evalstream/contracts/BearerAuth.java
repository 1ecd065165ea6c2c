package io.evalstream.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The bearer-token check of the services' run and admin endpoints ({@code evalstream.auth.*}), shared so that the
 * prompt-producer and the aggregator accept and refuse exactly the same requests.
 *
 * <p>Tokens are kept only as SHA-256 digests and a presented token is compared digest to digest with
 * {@link MessageDigest#isEqual}, against every accepted token: the time taken says neither how much of a token
 * matched nor its length. Several tokens may be accepted at once, so a new one can be rolled out before the old
 * one is withdrawn. Refusal reasons say how to authenticate and never repeat what was sent.
 */
public final class BearerAuth {

    /** The value of {@code WWW-Authenticate} on every refusal. */
    public static final String CHALLENGE = "Bearer realm=\"evalstream\"";

    private static final String SCHEME = "Bearer ";
    private static final String HOW = "send the header 'Authorization: Bearer <token>' with a token from"
            + " evalstream.auth.token (env EVALSTREAM_AUTH_TOKEN) or the file evalstream.auth.token-file names";

    private final boolean enabled;
    private final List<byte[]> digests;

    private BearerAuth(boolean enabled, List<byte[]> digests) {
        this.enabled = enabled;
        this.digests = digests;
    }

    /** Accepts any of {@code tokens} (blank entries ignored); with none, refuses every request and says why. */
    public static BearerAuth accepting(Collection<String> tokens) {
        List<byte[]> digests = new ArrayList<>();
        for (String token : tokens) {
            if (token != null && !token.isBlank()) {
                digests.add(sha256(token.strip()));
            }
        }
        return new BearerAuth(true, List.copyOf(digests));
    }

    /** Lets every request through: only when {@code evalstream.auth.enabled=false} is set explicitly. */
    public static BearerAuth disabled() {
        return new BearerAuth(false, List.of());
    }

    /**
     * The check as configured: {@code tokens} (from {@code evalstream.auth.token}, comma-separated) and the
     * tokens in {@code tokenFile} (one per line; blank lines and lines starting with {@code #} ignored).
     *
     * @throws UncheckedIOException when the token file is named but cannot be read, so the service does not start
     */
    public static BearerAuth configured(boolean enabled, List<String> tokens, Optional<Path> tokenFile) {
        if (!enabled) {
            return disabled();
        }
        List<String> all = new ArrayList<>(tokens);
        tokenFile.ifPresent(file -> all.addAll(readTokenFile(file)));
        return accepting(all);
    }

    /** Tokens in a token file's text: one per line, blank lines and {@code #} comments skipped. */
    public static List<String> parseTokenFile(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * Checks the {@code Authorization} header of a request.
     *
     * @param authorization the header's value, null when absent
     * @return empty when the request may proceed, else why it may not and how to authenticate
     */
    public Optional<String> refusal(String authorization) {
        if (!enabled) {
            return Optional.empty();
        }
        if (digests.isEmpty()) {
            return Optional.of("this service has no API token configured, so it refuses every request: set"
                    + " evalstream.auth.token (env EVALSTREAM_AUTH_TOKEN) or evalstream.auth.token-file, or"
                    + " evalstream.auth.enabled=false to run it without authentication");
        }
        if (authorization == null || authorization.isBlank()) {
            return Optional.of("authentication required: " + HOW);
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of("the Authorization header must use the Bearer scheme: " + HOW);
        }
        return accepts(authorization.substring(SCHEME.length()).strip()) ? Optional.empty()
                : Optional.of("the bearer token is not valid for this service: " + HOW);
    }

    /** One line for the startup log: whether requests need a token and how many are accepted (never which). */
    public String describe() {
        if (!enabled) {
            return "authentication is DISABLED (evalstream.auth.enabled=false): run and admin endpoints are open";
        }
        return digests.isEmpty()
                ? "no API token configured: run and admin endpoints refuse every request with 401"
                : "run and admin endpoints require a bearer token (" + digests.size() + " accepted)";
    }

    private boolean accepts(String token) {
        byte[] presented = sha256(token);
        boolean match = false;
        for (byte[] digest : digests) {
            // No early exit: every accepted token is compared, whichever matches.
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static List<String> readTokenFile(Path file) {
        try {
            return parseTokenFile(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + " (evalstream.auth.token-file);"
                    + " fix its path or permissions", e);
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
