package io.evalstream.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers here, and if not, why not. */
final class DockerEngine {

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerEngine() {
    }

    static TestBrokers.DockerStatus probe() {
        DockerClientFactory factory = DockerClientFactory.instance();
        if (factory.isDockerAvailable()) {
            return TestBrokers.DockerStatus.available("Testcontainers reached a Docker engine at "
                    + factory.getTransportConfig().getDockerHost());
        }
        // Testcontainers logs each way it tried (socket, DOCKER_HOST, Docker Desktop...) once, above this line; a
        // second ask says only that it will not retry, so the facts that decide it go here instead.
        String host = System.getenv("DOCKER_HOST");
        return TestBrokers.DockerStatus.unavailable("Testcontainers found no Docker environment (DOCKER_HOST "
                + (host == null ? "unset" : host) + ", " + DEFAULT_SOCKET + (Files.exists(DEFAULT_SOCKET) ? " present"
                        : " absent") + "; DockerClientFactory.isDockerAvailable() is false)");
    }
}
