package io.evalstream.contracts;

/** Result of reading a record off the wire: a valid value, or the reason it is not one. */
public sealed interface Decoded<T> {

    record Valid<T>(T value) implements Decoded<T> {
    }

    record Invalid<T>(String reason) implements Decoded<T> {
    }
}
