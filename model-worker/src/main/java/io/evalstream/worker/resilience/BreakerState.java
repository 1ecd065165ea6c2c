package io.evalstream.worker.resilience;

/** A circuit breaker's state, with the number its gauge shows. */
public enum BreakerState {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    public int gaugeValue() {
        return gaugeValue;
    }
}
