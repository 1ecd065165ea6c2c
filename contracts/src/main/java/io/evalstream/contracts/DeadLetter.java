package io.evalstream.contracts;

/**
 * Header names on dead-letter records. They are the names SmallRye Reactive Messaging's
 * dead-letter-queue failure strategy writes, so records dead-lettered by the Kafka Streams
 * aggregator look the same as those from the other services.
 */
public final class DeadLetter {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetter() {
    }
}
