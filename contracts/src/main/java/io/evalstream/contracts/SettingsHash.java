package io.evalstream.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A short, stable fingerprint of everything that decides how a task is prompted and graded. Two
 * scores are only comparable when their settings hashes are equal.
 */
public final class SettingsHash {

    private SettingsHash() {
    }

    /**
     * First 16 hex digits of SHA-256 over the canonical JSON of the settings, extraction, metric, template variant
     * and template fingerprint.
     *
     * @param template a fingerprint of the prompt template the variant names (its text, its few-shot source), so
     *                 that editing a benchmark's template changes the hash; empty when not known
     */
    public static String of(Settings settings, Extraction extraction, Metric metric, String variant, String template) {
        return of(settings, extraction, metric, variant, template, null);
    }

    /**
     * As {@link #of(Settings, Extraction, Metric, String, String)}, with the judge and rubric of a judged
     * benchmark; null judging gives the same hash as the five-argument form.
     */
    public static String of(Settings settings, Extraction extraction, Metric metric, String variant, String template,
            Judging judging) {
        Map<String, Object> canonical = new java.util.HashMap<>(Map.of("settings", settings, "extraction",
                extraction, "metric", metric, "variant", variant, "template", template));
        if (judging != null) {
            canonical.put("judging", judging);
        }
        try {
            byte[] json = Json.canonicalMapper().writeValueAsBytes(canonical);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash settings " + settings + "; this is a bug", e);
        }
    }

    /** First 16 hex digits of SHA-256 over the UTF-8 text, e.g. to fingerprint a template. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
