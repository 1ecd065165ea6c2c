package io.evalstream.producer.run;

import io.evalstream.contracts.PriceList;

/** The prices projections use, and whether a price file was given at all. */
public record PriceBook(PriceList prices, boolean priced) {
}
