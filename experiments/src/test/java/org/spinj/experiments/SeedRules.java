package org.spinj.experiments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a test source and reports where it draws from a random generator nobody seeded.
 *
 * <p>Two rules:
 *
 * <ol>
 *   <li><b>The engine's generator is seeded before a model is built.</b> Parameter initialisers
 *       and {@code NDManager}'s samplers draw from the engine's global generator, so a test that
 *       initialises a block or samples an array checks a different model on every run. For each
 *       test method ({@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest},
 *       {@code @TestFactory}, {@code @TestTemplate}), run after the class's {@code @BeforeAll}
 *       and {@code @BeforeEach} methods, the first {@link #BUILD} event must come after a
 *       {@link #SEED} event. Calls to methods declared in the same file are followed, in the order
 *       they appear, so a seeding or building helper counts where it is called. A file without
 *       test methods (a fixture other tests call) must seed inside each method that builds.
 *   <li><b>Java's generators get a seed.</b> {@code new Random()}, {@code new SplittableRandom()},
 *       a generator seeded from the clock, {@code Math.random()}, {@code ThreadLocalRandom} and
 *       {@code Collections.shuffle} without a generator are reported wherever they appear.
 * </ol>
 *
 * Comments, string literals and character literals are blanked before matching, so the rules
 * read code only. Trainers that seed the engine themselves ({@code SpinTrainer}, {@code
 * ClassifierTrainer}, {@code SignalEmbeddingTrainer} seed from their configuration) initialise
 * the model inside {@code fit}, which a test does not spell out, so they need no rule here.
 */
final class SeedRules {

    /** Calls that seed the engine's generator. */
    static final Pattern SEED = Pattern.compile("\\.setRandomSeed\\s*\\(");

    /**
     * Calls that draw from the engine's generator: initialising a block, a trainer or a model
     * (its initialisers sample), and {@code NDManager}'s samplers.
     */
    static final Pattern BUILD = Pattern.compile("\\.(initialize|randomNormal|randomUniform"
            + "|randomInteger|randomPermutation|randomMultinomial|truncatedNormal|sampleNormal"
            + "|sampleUniform|samplePoisson|sampleGamma)\\s*\\(");

    /** Java generators without a seed, or seeded from the clock. */
    static final Pattern UNSEEDED_JAVA = Pattern.compile(
            "new\\s+(java\\.util\\.)?(Random|SplittableRandom)\\s*\\("
            + "\\s*(\\)|[^;]*(nanoTime|currentTimeMillis))"
            + "|\\bMath\\.random\\s*\\(|\\bThreadLocalRandom\\b");

    private static final Pattern SHUFFLE = Pattern.compile("\\bCollections\\.shuffle\\s*\\(");

    private static final Set<String> ENTRY = Set.of(
            "Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");

    /** DJL calls these itself, inside the {@code initialize} of the block's owner. */
    private static final Set<String> BLOCK_HOOKS = Set.of(
            "initializeChildBlocks", "prepare", "beforeInitialize", "forwardInternal");

    private static final Set<String> KEYWORDS = Set.of(
            "if", "for", "while", "switch", "catch", "synchronized", "try", "return", "new", "else",
            "do", "throw", "case", "assert", "super", "this");

    private static final Pattern CALL_OR_HEADER = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern ANNOTATION = Pattern.compile("@([A-Za-z_$][\\w$.]*)");
    private static final int MAX_EVENTS = 10_000;

    private SeedRules() {}

    /** One method: its name, annotations, and where its body lies in the blanked text. */
    private record Method(String name, Set<String> annotations, int bodyStart, int bodyEnd) {}

    private enum Kind { SEED, BUILD }

    private record Event(Kind kind, int at, String owner) {}

    /**
     * @param file the name to report
     * @param source the Java source
     * @return one line per finding, {@code file:line: ...}; empty when the file keeps both rules
     */
    static List<String> check(String file, String source) {
        String code = blank(source);
        List<String> findings = new ArrayList<>();
        findings.addAll(unseededJava(file, source, code));
        findings.addAll(unseededBuilds(file, source, code));
        return findings;
    }

    private static List<String> unseededJava(String file, String source, String code) {
        List<String> out = new ArrayList<>();
        Matcher m = UNSEEDED_JAVA.matcher(code);
        while (m.find()) {
            out.add(file + ":" + line(code, m.start()) + ": unseeded Java generator: "
                    + snippet(source, m.start()));
        }
        Matcher s = SHUFFLE.matcher(code);
        while (s.find()) {
            int close = matching(code, s.end() - 1, '(', ')');
            if (close > 0 && !hasTopLevelComma(code, s.end(), close)) {
                out.add(file + ":" + line(code, s.start()) + ": Collections.shuffle without a"
                        + " seeded generator: " + snippet(source, s.start()));
            }
        }
        return out;
    }

    private static List<String> unseededBuilds(String file, String source, String code) {
        Map<String, List<Method>> byName = new LinkedHashMap<>();
        List<Method> methods = methods(code);
        for (Method m : methods) {
            byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
        }
        List<Event> beforeAll = new ArrayList<>();
        List<Event> beforeEach = new ArrayList<>();
        List<Method> entries = new ArrayList<>();
        for (Method m : methods) {
            if (m.annotations().contains("BeforeAll")) {
                beforeAll.addAll(expand(code, m, byName, new HashSet<>()));
            } else if (m.annotations().contains("BeforeEach")) {
                beforeEach.addAll(expand(code, m, byName, new HashSet<>()));
            }
            if (m.annotations().stream().anyMatch(ENTRY::contains)) {
                entries.add(m);
            }
        }
        // the first unseeded draw -> the methods that reach it
        Map<Event, List<String>> unseeded = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            // a fixture: whoever calls it from another file cannot see inside, so it seeds itself
            for (Method m : methods) {
                if (!BLOCK_HOOKS.contains(m.name())) {
                    firstUnseeded(expand(code, m, byName, new HashSet<>()), m, unseeded);
                }
            }
        }
        for (Method m : entries) {
            List<Event> run = new ArrayList<>(beforeAll);
            run.addAll(beforeEach);
            run.addAll(expand(code, m, byName, new HashSet<>()));
            firstUnseeded(run, m, unseeded);
        }
        List<String> out = new ArrayList<>();
        unseeded.forEach((e, names) -> {
            boolean itself = names.size() == 1 && names.get(0).equals(e.owner() + "()");
            out.add(file + ":" + line(code, e.at()) + ": " + String.join(", ", names)
                    + (names.size() == 1 ? " builds" : " build") + " a model or samples"
                    + (itself ? "" : " (in " + e.owner() + "())")
                    + " before seeding the engine (Engine.getInstance().setRandomSeed): "
                    + snippet(source, e.at()));
        });
        return out;
    }

    private static void firstUnseeded(
            List<Event> run, Method m, Map<Event, List<String>> unseeded) {
        for (Event e : run) {
            if (e.kind() == Kind.BUILD) {
                unseeded.computeIfAbsent(e, k -> new ArrayList<>()).add(m.name() + "()");
            }
            return;
        }
    }

    /** The method's events in source order, with calls to the file's own methods inlined. */
    private static List<Event> expand(
            String code, Method m, Map<String, List<Method>> byName, Set<Method> open) {
        List<Event> out = new ArrayList<>();
        if (!open.add(m)) {
            return out;
        }
        String body = code.substring(m.bodyStart(), m.bodyEnd());
        List<int[]> spans = new ArrayList<>(); // [start, kind: 0 seed, 1 build, 2 call]
        Matcher s = SEED.matcher(body);
        while (s.find()) {
            spans.add(new int[] {s.start(), 0});
        }
        Matcher b = BUILD.matcher(body);
        while (b.find()) {
            spans.add(new int[] {b.start(), 1});
        }
        Matcher c = CALL_OR_HEADER.matcher(body);
        while (c.find()) {
            String name = c.group(1);
            boolean qualified = c.start() > 0 && body.charAt(c.start() - 1) == '.';
            boolean own = !qualified || body.startsWith("this.", Math.max(0, c.start() - 5));
            if (own && byName.containsKey(name) && !isHeader(body, c.start(), c.end() - 1)) {
                spans.add(new int[] {c.start(), 2});
            }
        }
        spans.sort((x, y) -> Integer.compare(x[0], y[0]));
        for (int[] span : spans) {
            if (out.size() > MAX_EVENTS) {
                break;
            }
            int at = m.bodyStart() + span[0];
            if (span[1] == 0) {
                out.add(new Event(Kind.SEED, at, m.name()));
            } else if (span[1] == 1) {
                out.add(new Event(Kind.BUILD, at, m.name()));
            } else {
                Matcher name = CALL_OR_HEADER.matcher(body);
                name.find(span[0]);
                for (Method callee : byName.get(name.group(1))) {
                    out.addAll(expand(code, callee, byName, open));
                }
            }
        }
        open.remove(m);
        return out;
    }

    /** Every method and constructor declaration, nested ones included. */
    private static List<Method> methods(String code) {
        List<Method> out = new ArrayList<>();
        Matcher c = CALL_OR_HEADER.matcher(code);
        while (c.find()) {
            int open = c.end() - 1;
            if (!isHeader(code, c.start(), open)) {
                continue;
            }
            int close = matching(code, open, '(', ')');
            int brace = afterSignature(code, close + 1);
            int end = matching(code, brace, '{', '}');
            if (end < 0) {
                continue;
            }
            out.add(new Method(c.group(1), annotations(code, c.start()), brace + 1, end));
        }
        return out;
    }

    /**
     * Whether {@code name(} at {@code start} declares a method: the name is no keyword, a type
     * (a name, {@code >} or {@code ]}) stands before it, and the parameter list is followed by a
     * body.
     */
    private static boolean isHeader(String code, int start, int open) {
        String name = code.substring(start, open).strip();
        if (KEYWORDS.contains(name)) {
            return false;
        }
        int p = start - 1;
        while (p >= 0 && Character.isWhitespace(code.charAt(p))) {
            p--;
        }
        if (p < 0) {
            return false;
        }
        char before = code.charAt(p);
        if (Character.isJavaIdentifierPart(before)) {
            int q = p;
            while (q >= 0 && Character.isJavaIdentifierPart(code.charAt(q))) {
                q--;
            }
            String word = code.substring(q + 1, p + 1);
            if (KEYWORDS.contains(word) || (q >= 0 && code.charAt(q) == '.')) {
                return false;
            }
        } else if (before != '>' && before != ']') {
            return false;
        }
        int close = matching(code, open, '(', ')');
        return close > 0 && afterSignature(code, close + 1) >= 0;
    }

    /** The position of the body's brace after a parameter list, or -1 if none follows. */
    private static int afterSignature(String code, int from) {
        int p = from;
        while (p < code.length() && Character.isWhitespace(code.charAt(p))) {
            p++;
        }
        if (code.startsWith("throws", p)) {
            p += "throws".length();
            while (p < code.length() && (Character.isJavaIdentifierPart(code.charAt(p))
                    || Character.isWhitespace(code.charAt(p))
                    || ".,".indexOf(code.charAt(p)) >= 0)) {
                p++;
            }
        }
        return p < code.length() && code.charAt(p) == '{' ? p : -1;
    }

    /** The annotations on the lines that end at the declaration starting at {@code at}. */
    private static Set<String> annotations(String code, int at) {
        Set<String> out = new HashSet<>();
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        collect(code.substring(lineStart, at), out);
        int end = lineStart - 1;
        while (end > 0) {
            int start = code.lastIndexOf('\n', end - 1) + 1;
            String line = code.substring(start, end).strip();
            if (!line.startsWith("@") && !line.isEmpty()) {
                break;
            }
            collect(line, out);
            end = start - 1;
        }
        return out;
    }

    private static void collect(String text, Set<String> out) {
        Matcher a = ANNOTATION.matcher(text);
        while (a.find()) {
            String n = a.group(1);
            out.add(n.substring(n.lastIndexOf('.') + 1));
        }
    }

    private static int matching(String code, int open, char o, char c) {
        if (open < 0 || open >= code.length() || code.charAt(open) != o) {
            return -1;
        }
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasTopLevelComma(String code, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            char ch = code.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{' || ch == '<') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}' || ch == '>') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source with comments, string, text-block and character literals replaced by spaces
     * (line breaks kept), so offsets and line numbers still match the source.
     */
    static String blank(String src) {
        StringBuilder out = new StringBuilder(src);
        int i = 0;
        int n = src.length();
        while (i < n) {
            char ch = src.charAt(i);
            int end;
            if (src.startsWith("//", i)) {
                end = src.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (src.startsWith("/*", i)) {
                end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (ch == '"' || ch == '\'') {
                end = i + 1;
                while (end < n && src.charAt(end) != ch && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    private static int line(String code, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String snippet(String source, int at) {
        int start = source.lastIndexOf('\n', at - 1) + 1;
        int end = source.indexOf('\n', at);
        return source.substring(start, end < 0 ? source.length() : end).strip();
    }
}
