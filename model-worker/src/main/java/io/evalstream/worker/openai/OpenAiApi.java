package io.evalstream.worker.openai;

/** Which OpenAI endpoint a model is called through. */
public enum OpenAiApi {
    /** {@code POST /chat/completions}: the prompt as one user message (instruction-tuned models). */
    CHAT("/chat/completions"),
    /** {@code POST /completions}: the prompt as raw text to continue (base models, few-shot prompts). */
    COMPLETIONS("/completions");

    private final String path;

    OpenAiApi(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
