package io.evalstream.broker;

import java.nio.file.Path;
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
        return List.of(
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + BrokerSecurity.jaasConfig(admin),
                "listener.name.controller.ssl.client.auth=required",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + certificates.keystore(),
                "ssl.keystore.password=" + certificates.keystorePassword(),
                "ssl.key.password=" + certificates.keystorePassword(),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + certificates.truststore(),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + BrokerCertificates.DISTINGUISHED_NAME + ";User:" + admin.user());
    }
}
