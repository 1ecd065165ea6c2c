package io.evalstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS identity, made with the JDK's {@code keytool}: a self-signed EC certificate for
 * {@code localhost} and {@code 127.0.0.1} (so clients keep hostname verification on) in a PKCS12 keystore, and the
 * same certificate as a PEM truststore. Clients trust the broker through the PEM file, which holds no secret and
 * needs no password; the broker trusts it too, so on its mutual-TLS controller listener only the holder of the
 * broker's key gets in.
 *
 * @param keystore         the broker's key and certificate, mode 0600
 * @param keystorePassword the keystore's (and, as PKCS12 has it, the key's) password
 * @param truststore       the certificate, PEM
 */
record BrokerCertificates(Path keystore, String keystorePassword, Path truststore) {

    /** The broker's principal on the controller listener, a super user. */
    static final String DISTINGUISHED_NAME = "CN=evalstream-local-broker";
    private static final String PASSWORD_VARIABLE = "EVALSTREAM_KEYSTORE_PASSWORD";

    @Override
    public String toString() {
        return "BrokerCertificates[" + keystore + ", " + truststore + "]";
    }

    /** Generates a new key and certificate into {@code dir} (created, mode 0700). */
    static BrokerCertificates generate(Path dir) {
        Secrets.privateDirectory(dir);
        BrokerCertificates certificates = new BrokerCertificates(dir.resolve("broker.p12"), Secrets.password(),
                dir.resolve("truststore.pem"));
        certificates.keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "365", "-dname", DISTINGUISHED_NAME,
                "-ext", "SAN=DNS:localhost,IP:127.0.0.1");
        Secrets.ownerOnly(certificates.keystore);
        certificates.keytool(dir, "-exportcert", "-rfc", "-alias", "broker", "-file",
                certificates.truststore.toString());
        return certificates;
    }

    private void keytool(Path dir, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(arguments));
        // The password comes from the environment, which only this user can read; a command line anyone can.
        command.addAll(List.of("-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-noprompt"));
        Path log = dir.resolve("keytool.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(PASSWORD_VARIABLE, keystorePassword);
        try {
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " failed; see " + log + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the broker's certificate", e);
        }
    }
}
