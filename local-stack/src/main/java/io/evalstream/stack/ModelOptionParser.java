package io.evalstream.stack;

import io.evalstream.contracts.Require;
import io.evalstream.stack.ModelOption.ApiKey;
import io.evalstream.stack.ModelOption.Backend;
import io.evalstream.stack.ModelOption.Limits;
import io.evalstream.stack.ModelOption.OpenAi;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a model from {@code --model NAME=BACKEND:TARGET[,KEY=VALUE...]} or from the fields of one entry of a
 * models file; both come down to the same fields and the same checks. Pure: nothing here looks at the
 * environment or the file system, and no message repeats a value that could be a secret.
 */
final class ModelOptionParser {

    static final String EXAMPLE = "mine=openai:http://localhost:8000/v1,key-env=MY_KEY";

    private static final Map<Backend, List<String>> ALLOWED = Map.of(
            Backend.OPENAI, List.of("backend", "url", "api", "model", "key-env", "key-file", "concurrency", "rpm", "tpm"),
            Backend.GGUF, List.of("backend", "path", "concurrency", "rpm", "tpm"),
            Backend.SIM, List.of("backend", "profile", "concurrency", "rpm", "tpm"));
    private static final Map<Backend, String> TARGET = Map.of(Backend.OPENAI, "url", Backend.GGUF, "path",
            Backend.SIM, "profile");
    // Expanded by the worker as ${NAME}: anything else could be read as an expression or a default.
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ModelOptionParser() {
    }

    /** One {@code --model} value. */
    static ModelOption parse(String value) {
        int equals = value.indexOf('=');
        // A model id may hold a colon itself (org:model), so the backend's colon is the first after the '='.
        int colon = equals < 0 ? -1 : value.indexOf(':', equals);
        if (equals <= 0 || colon < 0) {
            throw new ModelOptionException("--model " + value + ": expected NAME=BACKEND:TARGET[,OPTION=VALUE...],"
                    + " e.g. --model " + EXAMPLE);
        }
        String name = value.substring(0, equals);
        String where = "--model " + name;
        String backend = value.substring(equals + 1, colon);
        String[] parts = value.substring(colon + 1).split(",", -1);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("backend", backend);
        fields.put(TARGET.getOrDefault(backend(where, backend), "target"), parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int at = parts[i].indexOf('=');
            if (at <= 0) {
                throw new ModelOptionException(where + ": option '" + parts[i] + "' is not OPTION=VALUE; e.g. "
                        + EXAMPLE);
            }
            String key = parts[i].substring(0, at);
            if (fields.put(key, parts[i].substring(at + 1)) != null) {
                throw new ModelOptionException(where + ": option '" + key + "' is given twice");
            }
        }
        return fromFields(name, fields, where, "option");
    }

    /**
     * @param where for messages: {@code --model mine} or {@code models.yaml: models.mine}
     * @param noun  what the user calls a field there: {@code option} or {@code key}
     */
    static ModelOption fromFields(String name, Map<String, String> fields, String where, String noun) {
        if (!Require.ID.matcher(name).matches()) {
            throw new ModelOptionException(where + ": '" + name + "' is not a valid model name; use letters, digits"
                    + " and ._:@+- (starting with a letter or digit, at most 128 characters)");
        }
        String backendName = fields.get("backend");
        if (backendName == null || backendName.isBlank()) {
            throw new ModelOptionException(where + ": " + noun + " 'backend' is missing; use openai, gguf or sim");
        }
        Backend backend = backend(where, backendName);
        Set<String> unknown = new HashSet<>(fields.keySet());
        ALLOWED.get(backend).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            // On the command line the backend and its target are written before the options, not as options.
            List<String> allowed = ALLOWED.get(backend).stream().filter(key -> noun.equals("key")
                    || !(key.equals("backend") || key.equals(TARGET.get(backend)))).toList();
            throw new ModelOptionException(where + ": unknown " + noun + " '" + unknown.stream().sorted().findFirst()
                    .orElseThrow() + "'; allowed for " + backend.key() + ": " + String.join(", ", allowed));
        }
        Limits limits = new Limits(positive(where, fields, "concurrency"), positive(where, fields, "rpm"),
                positive(where, fields, "tpm"));
        return switch (backend) {
            case OPENAI -> new ModelOption(name, backend, url(where, noun, fields.get("url")),
                    openAi(where, name, fields), limits);
            case GGUF -> new ModelOption(name, backend, required(where, noun, fields, "path",
                    "the GGUF file, e.g. gguf:../shared/models/stories260K.gguf"), OpenAi.NONE, limits);
            case SIM -> new ModelOption(name, backend, profile(where, fields.getOrDefault("profile", "default")),
                    OpenAi.NONE, limits);
        };
    }

    private static Backend backend(String where, String name) {
        for (Backend backend : Backend.values()) {
            if (backend.key().equals(name)) {
                return backend;
            }
        }
        throw new ModelOptionException(where + ": unknown backend '" + name + "'; use openai:URL, gguf:PATH or"
                + " sim:PROFILE");
    }

    private static OpenAi openAi(String where, String name, Map<String, String> fields) {
        String api = fields.getOrDefault("api", "chat");
        if (!api.equals("chat") && !api.equals("completions")) {
            throw new ModelOptionException(where + ": api must be chat or completions, not '" + api + "'");
        }
        String serverModel = fields.get("model");
        if (serverModel != null && serverModel.isBlank()) {
            throw new ModelOptionException(where + ": model is empty; give the name the server knows the model by,"
                    + " or leave it out to send '" + name + "'");
        }
        String env = fields.get("key-env");
        String file = fields.get("key-file");
        if (env != null && file != null) {
            throw new ModelOptionException(where + ": give key-env or key-file, not both");
        }
        if (env != null && !ENV_NAME.matcher(env).matches()) {
            throw new ModelOptionException(where + ": key-env must name an environment variable (letters, digits"
                    + " and _), not '" + env + "'; the key itself never goes on the command line");
        }
        if (file != null && file.isBlank()) {
            throw new ModelOptionException(where + ": key-file is empty; give the path of a file holding the key");
        }
        ApiKey key = env != null ? new ApiKey.FromEnv(env) : file != null ? new ApiKey.FromFile(file)
                : new ApiKey.None();
        return new OpenAi(api, serverModel, key);
    }

    /** The API root, without a trailing slash, with nothing in it that may be a credential. */
    private static String url(String where, String noun, String text) {
        if (text == null || text.isBlank()) {
            throw new ModelOptionException(where + ": " + noun + " 'url' is missing; give the API root, e.g."
                    + " http://localhost:8000/v1");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ModelOptionException(where + ": url is not a URL (" + e.getReason() + "); e.g."
                    + " http://localhost:8000/v1");
        }
        // Checked before the URL is echoed in any message: user:password@ would put a credential on the screen.
        if (uri.getRawUserInfo() != null) {
            throw new ModelOptionException(where + ": url must not carry credentials (user:password@); give the key"
                    + " with key-env or key-file");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ModelOptionException(where + ": url '" + text + "' must be an http or https URL with a host,"
                    + " e.g. http://localhost:8000/v1");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ModelOptionException(where + ": url must be the API root without ?query or #fragment (the"
                    + " worker appends /chat/completions or /completions); give a key with key-env or key-file");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String profile(String where, String profile) {
        if (!ModelOption.SIM_PROFILES.contains(profile)) {
            throw new ModelOptionException(where + ": unknown sim profile '" + profile + "'; use one of "
                    + String.join(", ", ModelOption.SIM_PROFILES));
        }
        return profile;
    }

    private static String required(String where, String noun, Map<String, String> fields, String key, String hint) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new ModelOptionException(where + ": " + noun + " '" + key + "' is missing; give " + hint);
        }
        return value;
    }

    private static OptionalLong positive(String where, Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(value.strip());
            // The worker holds the concurrency cap in an int.
            long max = key.equals("concurrency") ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (number > 0 && number <= max) {
                return OptionalLong.of(number);
            }
        } catch (NumberFormatException e) {
            // Reported below, with what was written.
        }
        throw new ModelOptionException(where + ": " + key + " must be a positive whole number, not '" + value + "'");
    }
}
