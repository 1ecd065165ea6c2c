package io.evalstream.evalctl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files named on the command line, {@code -} meaning standard input; read as strict UTF-8. */
final class InputFiles {

    private InputFiles() {
    }

    static String name(Path file) {
        return isStdin(file) ? "<stdin>" : file.toString();
    }

    static String read(Path file) {
        try {
            byte[] bytes = isStdin(file) ? System.in.readAllBytes() : Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "no such file: " + file, e);
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCode.REFUSED, name(file) + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + name(file) + ": " + e, e);
        }
    }

    private static boolean isStdin(Path file) {
        return file.toString().equals("-");
    }
}
