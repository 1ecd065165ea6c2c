package io.evalstream.worker.sim;

/**
 * A 64-bit hash of a string that is the same in every JVM, run and thread ({@link String#hashCode} is
 * only 32 bits, too few to seed independent streams for millions of tasks).
 */
final class StableHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    /** FNV-1a over the UTF-16 units of {@code text}, started from {@code seed}, then finalized (MurmurHash3 fmix64). */
    static long of(long seed, String text) {
        long hash = FNV_OFFSET ^ fmix64(seed);
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= FNV_PRIME;
        }
        return fmix64(hash);
    }

    private static long fmix64(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
