package io.evalstream.sandbox;

/**
 * One execution slot.
 *
 * @param uid     the uid its programs run as
 * @param ownUid  true when {@code uid} belongs to this slot alone (the JVM is root and switches to it): then
 *                RLIMIT_NPROC counts only this slot's processes, and every process of the uid may be killed
 */
record Slot(int index, int uid, boolean ownUid) {
}
