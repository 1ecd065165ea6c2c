package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run test --fast} leaves out the tests tagged {@code integration}: a test class that boots Quarkus, starts a
 * broker or the local stack, or runs a service process must carry the tag (itself, or from {@link SharedStack}), or
 * the fast tier would start one after all.
 */
class TestTiersTest {

    private static final Pattern NEEDS_INFRASTRUCTURE = Pattern.compile("@QuarkusTest\\b|\\bLocalKafka\\.|"
            + "\\bTestBrokers\\.|\\bProvisionedBroker\\b|\\bKafkaTestResource\\b|\\bLocalStack\\.start|"
            + "\\bPrometheusServer\\.start|\\bStubProcess\\.|\\bServiceProcess\\(|Main\\.class\\.getName\\(\\)");
    private static final Pattern TAGGED = Pattern.compile("@Tag\\(\"integration\"\\)|\\bextends SharedStack\\b");

    @Test
    void everyTestClassThatNeedsABrokerOrAServiceIsTaggedIntegration() throws IOException {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(RenderedOverlays.HOME)) {
            untagged = files.filter(file -> file.toString().endsWith("Test.java"))
                    .filter(file -> file.toString().contains("/src/test/java/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .filter(file -> !file.getFileName().toString().equals("TestTiersTest.java"))
                    .filter(file -> {
                        String source = read(file);
                        return NEEDS_INFRASTRUCTURE.matcher(source).find() && !TAGGED.matcher(source).find();
                    })
                    .map(file -> RenderedOverlays.HOME.relativize(file).toString()).sorted().toList();
        }
        assertThat(untagged).as("test classes that need a broker or a service but run in ./run test --fast;"
                + " add @Tag(\"integration\")").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
