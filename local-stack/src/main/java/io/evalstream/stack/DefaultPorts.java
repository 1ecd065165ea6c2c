package io.evalstream.stack;

/** The ports the README's commands use; each service's application.properties has the same default. */
final class DefaultPorts {

    static final int KAFKA = 9092;
    static final int PRODUCER = 8081;
    static final int WORKER = 8082;
    static final int GRADER = 8083;
    static final int AGGREGATOR = 8084;

    private DefaultPorts() {
    }
}
