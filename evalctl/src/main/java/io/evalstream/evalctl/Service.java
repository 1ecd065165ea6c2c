package io.evalstream.evalctl;

import java.net.URI;

/**
 * One of the services evalctl talks to, where it is, and how the user points evalctl elsewhere; the names go
 * into error messages so that a wrong address is easy to fix.
 */
public record Service(String name, URI base, String option, String variable) {

    public Service {
        if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new CliException(ExitCode.USAGE, option + " must be an http(s) URL such as http://localhost:8081,"
                    + " got '" + base + "'");
        }
    }

    public static Service producer(String url) {
        return new Service("prompt-producer", uri(url, "--producer-url"), "--producer-url", "EVALSTREAM_PRODUCER_URL");
    }

    public static Service aggregator(String url) {
        return new Service("aggregator", uri(url, "--aggregator-url"), "--aggregator-url",
                "EVALSTREAM_AGGREGATOR_URL");
    }

    public static Service grader(String url) {
        return new Service("grader-service", uri(url, "--grader-url"), "--grader-url", "EVALSTREAM_GRADER_URL");
    }

    /** {@code path} (with its query) resolved against the base URL, keeping any path prefix of the base. */
    public URI resolve(String path) {
        String prefix = base.toString().replaceAll("/+$", "");
        return URI.create(prefix + path);
    }

    private static URI uri(String url, String option) {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, option + " is not a URL: " + e.getMessage(), e);
        }
    }
}
