package io.evalstream.evalctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunAccepted;
import org.junit.jupiter.api.Test;

class ProjectionsTest {

    @Test
    void onePerModelWithTypicalAndCeilingCostAndUnknownWithoutAPrice() throws Exception {
        String table = Projections.table(Json.mapper().readValue("""
                {"runId":"r","tasks":200,"published":false,"projection":{"estimator":"4 characters per token","priced":true,
                 "models":[{"modelId":"gpt-4o","tasks":200,"calls":200,"promptTokens":180000,"typicalOutput":12000,
                            "maxOutput":102400,"typicalUsd":0.57,"ceilingUsd":1.474},
                           {"modelId":"local","tasks":200,"calls":200,"promptTokens":180000,"typicalOutput":12000,
                            "maxOutput":102400}]}}""", RunAccepted.class));
        assertThat(table.lines().toList()).hasSize(4);
        assertThat(table.lines().toList().getFirst()).contains("nothing was published").contains("4 characters");
        assertThat(table.lines().toList().get(2)).contains("gpt-4o").contains("180000").contains("12000/102400")
                .contains("$0.5700").endsWith("$1.4740");
        assertThat(table.lines().toList().get(3)).endsWith("unknown");
    }
}
