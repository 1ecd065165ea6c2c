package io.evalstream.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The listeners of a secured {@link LocalKafka} and what they need. Clients have one listener, SASL_SSL with
 * SCRAM-SHA-512; the broker uses it too, as the admin user, to reach itself (transaction markers go over the
 * inter-broker listener even on one node). The controller listener takes TLS with a client certificate only,
 * since SCRAM users live in the metadata the controller serves and so cannot guard it; only the broker holds a
 * trusted key. The broker's certificate principal and the admin user are super users; everyone else gets what an
 * ACL grants, and no ACL means no access.
 */
final class SecureListeners {

    static final String ADMIN_USER = "evalstream-admin";
    static final String MECHANISM = "SCRAM-SHA-512";
    /** Inside a container broker: the clients' listener, exposed on a mapped port. */
    static final int CONTAINER_CLIENT_PORT = 9092;
    /** Inside a container broker, loopback only: its controller and its way to itself. */
    static final int CONTAINER_CONTROLLER_PORT = 9093;
    static final int CONTAINER_INTERNAL_PORT = 9094;

    private final BrokerCertificates certificates;
    private final Credentials admin;

    private SecureListeners(BrokerCertificates certificates, Credentials admin) {
        this.certificates = certificates;
        this.admin = admin;
    }

    /** A new certificate in {@code tlsDir} and a new admin password. */
    static SecureListeners generate(Path tlsDir) {
        return new SecureListeners(BrokerCertificates.generate(tlsDir), new Credentials(ADMIN_USER, Secrets.password()));
    }

    /** How clients of the broker at {@code bootstrapServers} connect; {@code admin} is its super user. */
    BrokerSecurity clientView(String bootstrapServers) {
        return new BrokerSecurity(bootstrapServers, certificates.truststore(), admin);
    }

    /**
     * StorageTool's arguments that put the admin user into the bootstrap metadata: the broker must authenticate to
     * itself before anyone could create a user. They hold the password, so they never go on a command line.
     */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + admin.user() + ",password=" + admin.password() + "]");
    }

    /** server.properties lines for the listeners, TLS and the authorizer; secrets among them. */
    List<String> properties(int port, int controllerPort) {
        List<String> lines = new ArrayList<>(List.of(
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL"));
        lines.addAll(security(List.of("sasl_ssl"), certificates.keystore().toString(),
                certificates.truststore().toString()));
        return lines;
    }

    /**
     * As {@link #properties}, for the same broker in a container ({@link ContainerTestBroker}): clients reach the
     * SASL_SSL listener (port {@value #CONTAINER_CLIENT_PORT} inside) at {@code advertised}, the host's mapped port,
     * which the broker itself cannot reach from inside; so it talks to itself over a second SASL_SSL listener on the
     * container's loopback, as the admin user too. The controller listener is TLS with a client certificate, as on
     * the embedded broker. The key and certificate are read from {@code tlsDir} inside the container.
     */
    List<String> containerProperties(String advertised, String tlsDir) {
        List<String> lines = new ArrayList<>(List.of(
                "listeners=SASL_SSL://0.0.0.0:" + CONTAINER_CLIENT_PORT + ",INTERNAL://127.0.0.1:"
                        + CONTAINER_INTERNAL_PORT + ",CONTROLLER://127.0.0.1:" + CONTAINER_CONTROLLER_PORT,
                "advertised.listeners=SASL_SSL://" + advertised + ",INTERNAL://127.0.0.1:" + CONTAINER_INTERNAL_PORT,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:SASL_SSL,CONTROLLER:SSL"));
        lines.addAll(security(List.of("sasl_ssl", "internal"),
                tlsDir + "/" + certificates.keystore().getFileName(),
                tlsDir + "/" + certificates.truststore().getFileName()));
        return lines;
    }

    /** The key and certificate files on this machine, to copy into a container broker. */
    BrokerCertificates certificates() {
        return certificates;
    }

    private List<String> security(List<String> scramListeners, String keystore, String truststore) {
        List<String> lines = new ArrayList<>(List.of(
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM));
        scramListeners.forEach(listener -> lines.add("listener.name." + listener + ".scram-sha-512.sasl.jaas.config="
                + BrokerSecurity.jaasConfig(admin)));
        lines.addAll(List.of(
                "listener.name.controller.ssl.client.auth=required",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + certificates.keystorePassword(),
                "ssl.key.password=" + certificates.keystorePassword(),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + truststore,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + BrokerCertificates.DISTINGUISHED_NAME + ";User:" + admin.user()));
        return lines;
    }
}
