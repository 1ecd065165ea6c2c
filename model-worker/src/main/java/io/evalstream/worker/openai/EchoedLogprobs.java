package io.evalstream.worker.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskKind;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Log-probabilities through the completions API, as vLLM and the llama.cpp server give them: one request whose
 * {@code prompt} lists context + continuation for every choice (or the whole text), with {@code echo: true,
 * logprobs: 1, max_tokens: 0}, so the server scores the prompt instead of generating. A choice's log-probability
 * sums the tokens that reach past the context ({@code text_offset} + the token's length beyond the context's
 * characters); a text's sums every token but the first, which the API leaves null (nothing comes before it).
 */
final class EchoedLogprobs {

    private EchoedLogprobs() {
    }

    /** The texts to score, in the task's order. */
    static List<String> prompts(PromptTask task) {
        if (task.kind() == TaskKind.PERPLEXITY) {
            return List.of(task.prompt());
        }
        return task.choicesOrEmpty().stream().map(choice -> task.prompt() + choice).toList();
    }

    static void request(ObjectNode body, PromptTask task) {
        ArrayNode prompts = body.putArray("prompt");
        prompts(task).forEach(prompts::add);
        body.put("max_tokens", 0);
        body.put("echo", true);
        body.put("logprobs", 1);
        body.put("temperature", 0.0);
    }

    /** @throws ModelCallException MALFORMED_RESPONSE when a choice's log-probabilities are missing or malformed */
    static ModelReply reply(JsonNode root, PromptTask task) {
        int context = task.kind() == TaskKind.PERPLEXITY ? 0 : task.prompt().length();
        List<String> prompts = prompts(task);
        JsonNode[] byIndex = new JsonNode[prompts.size()];
        for (JsonNode choice : root.path("choices")) {
            int index = choice.path("index").asInt(-1);
            if (index >= 0 && index < byIndex.length) {
                byIndex[index] = choice.path("logprobs");
            }
        }
        List<ContinuationScore> scores = new ArrayList<>(prompts.size());
        long tokens = 0;
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null || !byIndex[i].path("tokens").isArray()) {
                throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "response has no choices[" + i
                        + "].logprobs.tokens for the text scored; the server must support echo with logprobs");
            }
            scores.add(score(byIndex[i], context, i));
            tokens += byIndex[i].path("tokens").size();
        }
        return ModelReply.scored(task, scores, tokens);
    }

    private static ContinuationScore score(JsonNode logprobs, int context, int choice) {
        JsonNode tokens = logprobs.path("tokens");
        double sum = 0;
        int counted = 0;
        boolean greedy = true;
        for (int j = 0; j < tokens.size(); j++) {
            String token = tokens.path(j).asText();
            int offset = logprobs.path("text_offset").path(j).asInt(-1);
            JsonNode logprob = logprobs.path("token_logprobs").path(j);
            if (offset < 0 || offset + token.length() <= context || logprob.isNull()) {
                continue;
            }
            if (!logprob.isNumber()) {
                throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "choices[" + choice
                        + "].logprobs.token_logprobs[" + j + "] is not a number");
            }
            sum += logprob.asDouble();
            counted++;
            greedy &= isTop(logprobs.path("top_logprobs").path(j), token, logprob.asDouble());
        }
        if (counted == 0) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "choices[" + choice + "] has no scored token"
                    + " past the context");
        }
        return new ContinuationScore(Math.min(0.0, sum), counted, greedy);
    }

    /** Whether no alternative the server lists beats the token. */
    private static boolean isTop(JsonNode top, String token, double logprob) {
        if (!top.isObject()) {
            return false;
        }
        for (var entry : top.properties()) {
            if (!entry.getKey().equals(token) && entry.getValue().asDouble() > logprob) {
                return false;
            }
        }
        return true;
    }
}
