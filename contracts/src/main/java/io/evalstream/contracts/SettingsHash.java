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
     * and template fingerprint. Extraction and metric go in as {@link GradingNames} spells them, a built-in as its
     * constant ({@code NUMERIC}), so a task hashes as it did when they were enums and results compare across
     * releases.
     *
     * @param extraction a registered extraction name, any case
     * @param metric     a registered metric name, any case
     * @param template   a fingerprint of the prompt template the variant names (its text, its few-shot source), so
     *                   that editing a benchmark's template changes the hash; empty when not known
     * @param judging    the judge and rubric of a judged benchmark; null for none (and left out of the hash)
     */
    public static String of(Settings settings, String extraction, String metric, String variant, String template,
            Judging judging) {
        Map<String, Object> canonical = new java.util.HashMap<>(Map.of("settings", settings, "extraction",
                GradingNames.extraction(extraction, "extraction"), "metric", GradingNames.metric(metric, "metric"),
                "variant", variant, "template", template));
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

    /** The hash of a benchmark graded by built-in names, with no judge. */
    public static String of(Settings settings, Extraction extraction, Metric metric, String variant, String template) {
        return of(settings, extraction, metric, variant, template, null);
    }

    /** The hash of a benchmark graded by built-in names. */
    public static String of(Settings settings, Extraction extraction, Metric metric, String variant, String template,
            Judging judging) {
        return of(settings, extraction.name(), metric.name(), variant, template, judging);
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
