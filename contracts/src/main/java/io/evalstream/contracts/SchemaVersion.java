package io.evalstream.contracts;

/** Major version of every wire record. Evolution within a major version is additive only. */
public final class SchemaVersion {

    public static final int CURRENT = 1;

    private SchemaVersion() {
    }
}
