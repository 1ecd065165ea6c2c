package io.evalstream.grader.judging;

import io.evalstream.contracts.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the answer markers of judge prompts are derived from: the nonce is HMAC-SHA256(key, round, answer),
 * cut to 128 bits.
 *
 * <p>Why derived, not drawn at random per judge task. A judge task's id is the subject's task id judged by the judge
 * model ({@code TaskId.judgedBy}); it never depends on the nonce. When a completion is graded again after a crash or
 * a rebalance, the same answer gives the same nonce, so the re-published judge task is byte for byte the first one:
 * the judge (greedy) replies the same, and the subject's grade is the same. A random nonce would still be counted
 * once (the grade is keyed by the subject's task id and the aggregator keeps the latest), but its value would be
 * whichever of two differently worded prompts was answered last. For the same reason the same answer gets the same
 * prompt in every run, as the models' own answers are reproducible.
 *
 * <p>Why the answer is in the input. It cannot know its nonce without the key, and not even with an old judge prompt
 * in hand: writing a nonce into an answer changes the answer and so its nonce. The key is per deployment
 * ({@code evalstream.grader.judge.marker-key-file}); without one each grader process draws its own, which keeps the
 * markers unguessable and only loses the byte-identical re-publishing across restarts.
 */
public final class MarkerKey {

    /** 128 bits: as strong as the nonce it keys. */
    public static final int MIN_BYTES = 16;
    /** More rounds than this means the answer holds nonces on purpose: whoever wrote it has the key. */
    static final int MAX_ROUNDS = 4;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int NONCE_BYTES = 16;

    private final SecretKeySpec key;

    /** @param key at least {@value #MIN_BYTES} bytes */
    public MarkerKey(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a marker key needs at least " + MIN_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * The markers to enclose {@code answer} in: the same for the same answer and key.
     *
     * @throws InvalidRecordException when the answer holds the nonce of every round (it cannot happen by chance)
     */
    public AnswerMarkers markersFor(String answer) {
        return firstAbsent(answer, round -> nonce(round, answer));
    }

    /** The markers of the first round whose nonce {@code answer} does not hold. */
    static AnswerMarkers firstAbsent(String answer, IntFunction<String> nonceOfRound) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            AnswerMarkers markers = new AnswerMarkers(nonceOfRound.apply(round));
            if (!markers.occurIn(answer)) {
                return markers;
            }
        }
        throw new InvalidRecordException("the answer holds the judge prompt's marker nonce in each of " + MAX_ROUNDS
                + " rounds, which only someone with the marker key can write; it is not sent to a judge");
    }

    private String nonce(int round, String answer) {
        Mac mac = mac();
        mac.update((byte) round);
        byte[] digest = mac.doFinal(answer.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, NONCE_BYTES);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK ships HmacSHA256 and takes any non-empty key for it.
            throw new IllegalStateException("cannot compute " + ALGORITHM + " for the judge prompt markers", e);
        }
    }
}
