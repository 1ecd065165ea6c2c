package io.evalstream.stack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The forms a secret can take in something a run produced: as it is, and base64-encoded (standard and URL-safe)
 * at each of the three byte alignments it could have inside a longer encoded text, such as a Basic credential or
 * a header copied into a record.
 */
final class Canaries {

    private Canaries() {
    }

    static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(List.of(secret));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = ("xx".substring(0, shift) + secret).getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // The first group holds the prefix, the last may depend on what follows: keep the stable middle.
            String middle = standard.substring(4, standard.length() - 4);
            forms.add(middle);
            forms.add(middle.replace('+', '-').replace('/', '_'));
        }
        return forms.stream().distinct().toList();
    }

    /** The forms of any of {@code secrets} that {@code text} contains. */
    static List<String> found(String text, List<String> secrets) {
        return secrets.stream().flatMap(secret -> forms(secret).stream()).filter(text::contains).toList();
    }
}
