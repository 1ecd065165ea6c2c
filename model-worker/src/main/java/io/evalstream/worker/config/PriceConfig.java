package io.evalstream.worker.config;

import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.PriceList;
import io.evalstream.contracts.PriceTier;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Rate;
import io.evalstream.worker.pricing.Pricing;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/** The models' prices: the price file's, overridden per model by {@code evalstream.worker.models.M.price.*}. */
@Singleton
public class PriceConfig {

    private static final Logger LOG = Logger.getLogger(PriceConfig.class);

    @Produces
    @Singleton
    Pricing pricing(WorkerConfig config) {
        PriceList prices = prices(config);
        LOG.infof("Prices known for %s; the cost of any other model is unknown", prices.models().keySet());
        return new Pricing(prices);
    }

    static PriceList prices(WorkerConfig config) {
        PriceList file;
        try {
            file = config.priceFile().map(path -> PriceList.read(Path.of(path))).orElse(PriceList.NONE);
        } catch (InvalidRecordException e) {
            throw new IllegalStateException("evalstream.worker.price-file: " + e.getMessage(), e);
        }
        Map<String, Prices> own = new TreeMap<>();
        config.models().forEach((id, model) -> model.price().ifPresent(price -> {
            try {
                own.put(id, prices(price));
            } catch (InvalidRecordException e) {
                throw new IllegalStateException("evalstream.worker.models." + id + ".price is misconfigured: "
                        + e.getMessage(), e);
            }
        }));
        return file.with(own);
    }

    static Prices prices(WorkerConfig.Price price) {
        List<PriceTier> tiers = price.tiers().values().stream().map(tier -> new PriceTier(tier.abovePromptTokens(),
                new Rate(tier.inputPerMillion(), tier.outputPerMillion()))).toList();
        Rate batch = price.batch().map(b -> new Rate(b.inputPerMillion(), b.outputPerMillion())).orElse(null);
        return new Prices(new Rate(price.inputPerMillion(), price.outputPerMillion(),
                price.cachedInputPerMillion().orElse(null)), price.perRequest(), tiers, batch);
    }
}
