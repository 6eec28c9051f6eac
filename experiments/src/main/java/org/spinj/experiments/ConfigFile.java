package org.spinj.experiments;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options from a JSON file ({@code --config run.json}) merged under the command line: a key sets
 * the option of the same long name ({@code {"epochs": 5}} is {@code --epochs 5}) unless the
 * command line gave that option, so <b>the command line always wins</b> (the Python runner lets
 * the file win silently, spin.md §5.2). {@link #effective} gives every option's final value, the
 * {@code config.json} of a run.
 */
public final class ConfigFile {

    /** Options that say how to run the program, not what to compute: never stored. */
    private static final Set<String> NOT_CONFIG =
            Set.of("help", "version", "config", "debug", "quiet", "resume");

    private ConfigFile() {}

    /**
     * Applies a JSON file's values to the options the command line did not give.
     *
     * @param spec the parsed command
     * @param file a JSON object of option long names (without {@code --}) to values
     * @throws IllegalArgumentException naming the file and key for an unknown option, a value of
     *     the wrong type or malformed JSON
     */
    public static void apply(CommandSpec spec, Path file) {
        JsonObject json = read(file);
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (e.getKey().equals("device")) {
                continue; // where to compute is chosen per invocation (--device), not stored
            }
            OptionSpec opt = spec.findOption("--" + e.getKey());
            if (opt == null || NOT_CONFIG.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        file + ": unknown option '" + e.getKey() + "' for '"
                                + spec.qualifiedName() + "'");
            }
            if (parsed != null && parsed.hasMatchedOption(opt)) {
                continue; // the command line wins
            }
            if (e.getValue().isJsonNull()) {
                opt.setValue(null);
                continue;
            }
            opt.setValue(convert(file, e.getKey(), e.getValue(), opt.type()));
        }
    }

    private static JsonObject read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        try {
            JsonElement el = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException(
                        file + ": expected a JSON object of option names to values");
            }
            return el.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Object convert(Path file, String key, JsonElement v, Class<?> type) {
        try {
            if (!v.isJsonPrimitive()) {
                throw new IllegalArgumentException("not a single value");
            }
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(p.getAsString());
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(p.getAsString());
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(p.getAsString());
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(p.getAsString());
            }
            if (type == boolean.class || type == Boolean.class) {
                if (!p.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return p.getAsBoolean();
            }
            if (type == Path.class) {
                return Path.of(p.getAsString());
            }
            if (type == String.class) {
                return p.getAsString();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    file + ": option '" + key + "' has value " + v + ", expected a "
                            + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(
                file + ": option '" + key + "' of type " + type.getSimpleName()
                        + " cannot be set from a config file");
    }

    /**
     * Every option's effective value, by long name without {@code --}.
     *
     * @param spec the command after {@link #apply}
     * @return a JSON object; unset options are {@code null}
     */
    public static JsonObject effective(CommandSpec spec) {
        JsonObject out = new JsonObject();
        for (OptionSpec opt : spec.options()) {
            String name = opt.longestName();
            if (!name.startsWith("--")) {
                continue;
            }
            String key = name.substring(2);
            if (NOT_CONFIG.contains(key)) {
                continue;
            }
            Object v = opt.getValue();
            if (v == null) {
                out.add(key, JsonNull.INSTANCE);
            } else if (v instanceof Number) {
                out.addProperty(key, (Number) v);
            } else if (v instanceof Boolean) {
                out.addProperty(key, (Boolean) v);
            } else {
                out.addProperty(key, v.toString());
            }
        }
        return out;
    }
}
