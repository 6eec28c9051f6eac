package org.spinj.experiments;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.graph.io.Excerpt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options from a JSON or YAML file ({@code --config run.json}, {@code --config run.yaml}: YAML
 * when the name ends in {@code .yaml} or {@code .yml}) merged under the command line: a key sets
 * the option of the same long name ({@code {"epochs": 5}} or {@code epochs: 5} is {@code
 * --epochs 5}) unless the command line gave that option, so <b>the command line always wins</b>
 * (the Python runner lets the file win silently, spin.md §5.2). Both formats hold one flat object
 * of scalars; errors name the file and the line of the key. {@link #effective} gives every
 * option's final value, the {@code config.json} of a run. Values and keys quoted in errors are cut
 * to {@value Excerpt#MAX_CHARS} characters.
 */
public final class ConfigFile {

    /** Options that say how to run the program, not what to compute: never stored. */
    private static final Set<String> NOT_CONFIG =
            Set.of("help", "version", "config", "debug", "quiet", "resume");

    /** The largest config file read, in bytes. */
    static final long MAX_BYTES = 64L << 20;

    private static final Pattern JSON_LINE = Pattern.compile(" at line (\\d+)");

    /** A value that is a list or an object, not one scalar. */
    private record Nested(String text) {}

    /**
     * One key of a file.
     *
     * @param key the option's long name without {@code --}
     * @param value null, a {@link Boolean}, the scalar's text, or {@link Nested}
     * @param line the key's line, 1-based, or 0 when unknown
     */
    private record Entry(String key, Object value, int line) {}

    private ConfigFile() {}

    /**
     * Applies a JSON or YAML file's values to the options the command line did not give.
     *
     * @param spec the parsed command
     * @param file a JSON object, or a YAML mapping, of option long names (without {@code --}) to
     *     values; YAML when the name ends in {@code .yaml} or {@code .yml}
     * @throws IllegalArgumentException naming the file and line for an unknown option, a value of
     *     the wrong type or malformed JSON or YAML
     */
    public static void apply(CommandSpec spec, Path file) {
        List<Entry> entries = isYaml(file) ? readYaml(file) : readJson(file);
        Map<String, Integer> seen = new HashMap<>();
        for (Entry e : entries) {
            Integer first = seen.putIfAbsent(e.key(), e.line());
            if (first != null) {
                throw new IllegalArgumentException(
                        where(file, e.line()) + ": option '" + Excerpt.of(e.key())
                                + "' is given twice"
                                + (first > 0 ? " (first on line " + first + ")" : ""));
            }
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Entry e : entries) {
            if (e.key().equals("device")) {
                continue; // where to compute is chosen per invocation (--device), not stored
            }
            OptionSpec opt = spec.findOption("--" + e.key());
            if (opt == null || NOT_CONFIG.contains(e.key())) {
                throw new IllegalArgumentException(
                        where(file, e.line()) + ": unknown option '" + Excerpt.of(e.key())
                                + "' for '"
                                + spec.qualifiedName() + "'");
            }
            if (parsed != null && parsed.hasMatchedOption(opt)) {
                continue; // the command line wins
            }
            opt.setValue(e.value() == null ? null : convert(file, e, opt.type()));
        }
    }

    /**
     * @param file a config file
     * @return whether it is read as YAML ({@code .yaml}, {@code .yml}); JSON otherwise
     */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("--config " + file + " is " + size
                        + " bytes, expected at most " + MAX_BYTES + " (a file of options)");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<Entry> readJson(Path file) {
        String text = text(file);
        List<Entry> out = new ArrayList<>();
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.LENIENT); // as JsonParser.parseString, which this replaced
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new IllegalArgumentException(
                        where(file, jsonLine(r)) + ": expected a JSON object of option names to"
                                + " values, got " + r.peek());
            }
            r.beginObject();
            while (r.hasNext()) {
                String key = r.nextName();
                int line = jsonLine(r);
                JsonElement v = JsonParser.parseReader(r);
                out.add(new Entry(key, jsonValue(v), line));
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(
                        where(file, jsonLine(r)) + ": expected the end of the file after the"
                                + " JSON object, got " + r.peek());
            }
            return out;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            // a reader over a string fails only on malformed text; the message has line and column
            throw new IllegalArgumentException(
                    file + " is not valid JSON: " + Excerpt.ofMessage(e.getMessage()), e);
        }
    }

    private static int jsonLine(JsonReader r) {
        Matcher m = JSON_LINE.matcher(r.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Object jsonValue(JsonElement v) {
        if (v.isJsonNull()) {
            return null;
        }
        if (!v.isJsonPrimitive()) {
            return new Nested(v.toString());
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        return p.isBoolean() ? (Object) p.getAsBoolean() : p.getAsString();
    }

    private static List<Entry> readYaml(Path file) {
        String text = text(file);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new IllegalArgumentException(
                    where(file, mark == null ? 0 : mark.getLine() + 1) + ": not valid YAML: "
                            + Excerpt.of(e.getProblem()) + (mark == null ? "" : " (column "
                            + (mark.getColumn() + 1) + ")"), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(
                    file + " is not valid YAML: " + Excerpt.ofMessage(e.getMessage()), e);
        }
        if (root == null) {
            return List.of(); // an empty file sets nothing
        }
        if (!(root instanceof MappingNode map)) {
            throw new IllegalArgumentException(
                    where(file, line(root)) + ": expected a YAML mapping of option names to"
                            + " values, got a " + root.getNodeId());
        }
        List<Entry> out = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new IllegalArgumentException(
                        where(file, line(t.getKeyNode())) + ": expected an option name, got a "
                                + t.getKeyNode().getNodeId());
            }
            out.add(new Entry(key.getValue(), yamlValue(t.getValueNode()), line(key)));
        }
        return out;
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static Object yamlValue(Node v) {
        if (!(v instanceof ScalarNode s)) {
            return new Nested(v.getNodeId().toString());
        }
        if (s.getTag().equals(Tag.NULL)) {
            return null;
        }
        if (s.getTag().equals(Tag.BOOL)) {
            // YAML 1.1 booleans, as SnakeYAML resolves them: true/yes/on and false/no/off
            String b = s.getValue().toLowerCase(Locale.ROOT);
            return b.equals("true") || b.equals("yes") || b.equals("on");
        }
        return s.getValue();
    }

    private static String where(Path file, int line) {
        return line > 0 ? file + ":" + line : file.toString();
    }

    private static Object convert(Path file, Entry e, Class<?> type) {
        Object v = e.value();
        try {
            if (v instanceof Nested) {
                throw new IllegalArgumentException("not a single value");
            }
            String text = v.toString();
            if (type == boolean.class || type == Boolean.class) {
                if (!(v instanceof Boolean)) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return v;
            }
            if (v instanceof Boolean && type != String.class) {
                throw new IllegalArgumentException("got a boolean");
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text);
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(text);
            }
            if (type == Path.class) {
                return Path.of(text);
            }
            if (type == String.class) {
                return text;
            }
        } catch (RuntimeException ex) {
            String shown = v instanceof Nested n ? Excerpt.of(n.text())
                    : v instanceof String ? "\"" + Excerpt.of((String) v) + "\"" : v.toString();
            throw new IllegalArgumentException(
                    where(file, e.line()) + ": option '" + Excerpt.of(e.key()) + "' has value "
                            + shown + ", expected a " + type.getSimpleName() + " ("
                            + Excerpt.of(ex.getMessage()) + ")", ex);
        }
        throw new IllegalArgumentException(
                where(file, e.line()) + ": option '" + Excerpt.of(e.key()) + "' of type "
                        + type.getSimpleName() + " cannot be set from a config file");
    }

    /**
     * Every option's effective value, by long name without {@code --}.
     *
     * @param spec the command after {@link #apply}
     * @return a JSON object; unset options are {@code null}, paths are absolute
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
            } else if (v instanceof Path p) {
                // absolute, so that evaluate and --resume find the files from any directory
                out.addProperty(key, p.toAbsolutePath().normalize().toString());
            } else {
                out.addProperty(key, v.toString());
            }
        }
        return out;
    }
}
