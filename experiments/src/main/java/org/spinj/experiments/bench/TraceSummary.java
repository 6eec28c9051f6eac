package org.spinj.experiments.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of a profiled step goes: the Chrome trace libtorch's profiler writes, reduced
 * to self time per operator (an event's duration minus that of the events nested in it on the
 * same thread), per category of operator, and the share of operators that touch a 5-dimensional
 * tensor (SPIN's pair tensors {@code [B, Tt, E, Ts, d]}), plus the memory each category
 * allocated (an event's own allocation: its {@code cpu mem} less that of its children).
 */
public final class TraceSummary {

    /** Self time and allocation of one operator name. */
    public record Op(String name, String category, int calls, double selfMs, double allocMb,
            double pairMs) {}

    private static final Pattern MEM = Pattern.compile("(-?[0-9.]+)\\s*(b|Kb|Mb|Gb)");

    private final List<Op> ops;
    private final double totalMs;
    private final double allocatedMb;

    private TraceSummary(List<Op> ops, double totalMs, double allocatedMb) {
        this.ops = ops;
        this.totalMs = totalMs;
        this.allocatedMb = allocatedMb;
    }

    /**
     * Reads a trace.
     *
     * @param trace the JSON file written by {@code JniUtils.stopProfile}
     * @return the summary
     * @throws IllegalArgumentException if the file is not a Chrome trace of complete events
     */
    public static TraceSummary read(Path trace) {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(trace));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + trace, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(trace + " is not a JSON trace: " + e.getMessage(), e);
        }
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray()
                : root.getAsJsonObject().getAsJsonArray("traceEvents");
        if (events == null) {
            throw new IllegalArgumentException(trace + " has no trace events");
        }
        record Ev(String name, long tid, double ts, double dur, boolean pair, double mb) {}
        List<Ev> evs = new ArrayList<>();
        for (JsonElement el : events) {
            if (!el.isJsonObject()) {
                continue;
            }
            JsonObject o = el.getAsJsonObject();
            if (!o.has("ph") || !"X".equals(o.get("ph").getAsString()) || !o.has("dur")) {
                continue;
            }
            boolean pair = false;
            if (o.has("shape") && o.get("shape").isJsonArray()) {
                for (JsonElement s : o.getAsJsonArray("shape")) {
                    if (s.isJsonArray() && s.getAsJsonArray().size() == 5) {
                        pair = true;
                    }
                }
            }
            double mb = 0; // net bytes allocated during the event, its children included
            if (o.has("cpu mem")) {
                Matcher m = MEM.matcher(o.get("cpu mem").getAsString());
                if (m.find()) {
                    double v = Double.parseDouble(m.group(1));
                    mb = switch (m.group(2)) {
                        case "Gb" -> v * 1024;
                        case "Mb" -> v;
                        case "Kb" -> v / 1024;
                        default -> v / (1024 * 1024);
                    };
                }
            }
            long tid = o.has("tid") ? o.get("tid").getAsLong() : 0;
            evs.add(new Ev(o.get("name").getAsString(), tid, o.get("ts").getAsDouble(),
                    o.get("dur").getAsDouble(), pair, mb));
        }
        // nesting per thread: sort by start, longest first; children subtract from the parent
        evs.sort(Comparator.comparingLong(Ev::tid).thenComparingDouble(Ev::ts)
                .thenComparing(Comparator.comparingDouble(Ev::dur).reversed()));
        double[] self = new double[evs.size()];
        double[] selfMb = new double[evs.size()];
        double topMb = 0;
        Deque<Integer> stack = new ArrayDeque<>();
        long tid = Long.MIN_VALUE;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < evs.size(); i++) {
            Ev e = evs.get(i);
            if (e.tid() != tid) {
                stack.clear();
                tid = e.tid();
            }
            while (!stack.isEmpty()) {
                Ev top = evs.get(stack.peek());
                if (e.ts() >= top.ts() + top.dur()) {
                    stack.pop();
                } else {
                    break;
                }
            }
            self[i] = e.dur();
            selfMb[i] = e.mb();
            if (!stack.isEmpty()) {
                // a parent's "cpu mem" includes its children's, as its duration does
                self[stack.peek()] -= e.dur();
                selfMb[stack.peek()] -= e.mb();
            } else {
                topMb += Math.max(0, e.mb());
                first = Math.min(first, e.ts());
                last = Math.max(last, e.ts() + e.dur());
            }
            stack.push(i);
        }
        Map<String, double[]> agg = new LinkedHashMap<>(); // calls, self, alloc, pair
        for (int i = 0; i < evs.size(); i++) {
            Ev e = evs.get(i);
            double[] a = agg.computeIfAbsent(e.name(), k -> new double[4]);
            a[0]++;
            a[1] += Math.max(0, self[i]) / 1000.0;
            a[2] += Math.max(0, selfMb[i]);
            if (e.pair()) {
                a[3] += Math.max(0, self[i]) / 1000.0;
            }
        }
        List<Op> ops = new ArrayList<>();
        agg.forEach((name, a) -> ops.add(
                new Op(name, category(name), (int) a[0], a[1], a[2], a[3])));
        ops.sort(Comparator.comparingDouble(Op::selfMs).reversed());
        double total = 0;
        for (Op o : ops) {
            total += o.selfMs();
        }
        return new TraceSummary(ops, total, topMb);
    }

    /**
     * The category of an operator name.
     *
     * @param name e.g. {@code aten::mm}
     * @return matmul, elementwise, reduction, indexing, copy/layout, allocation, autograd or other
     */
    public static String category(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("autograd::") || n.endsWith("backward0") || n.endsWith("backward1")) {
            return "autograd bookkeeping";
        }
        String op = n.startsWith("aten::") ? n.substring(6) : n;
        if (op.matches("(mm|bmm|addmm|matmul|linear|baddbmm|addbmm|_?mkldnn.*|dot|mv)")) {
            return "matmul";
        }
        if (op.matches("(sum|mean|max|min|amax|amin|sum_out|logsumexp|softmax|_softmax|norm"
                + "|cumsum|.*reduce.*)")) {
            return "reduction";
        }
        if (op.matches("(index.*|gather|scatter.*|embedding.*|take|masked_select|nonzero"
                + "|_sparse.*|.*sparse.*|.*coo.*|.*csr.*)")) {
            return "indexing/sparse";
        }
        if (op.matches("(copy_|clone|contiguous|cat|stack|to|_to_copy|split|chunk|narrow"
                + "|_cat|flip|repeat|expand_as|t|transpose|permute|view|reshape|_reshape_alias"
                + "|as_strided|expand|select|slice|unsqueeze|squeeze|_unsafe_view|detach"
                + "|alias|unbind|resolve_conj|resolve_neg)")) {
            return "copy/layout";
        }
        if (op.matches("(empty.*|zeros.*|ones.*|full.*|fill_|zero_|resize_|new_.*)")) {
            return "allocation/fill";
        }
        return "elementwise";
    }

    /** @return operators by decreasing self time */
    public List<Op> ops() {
        return ops;
    }

    /** @return the total self time in ms (the profiled work) */
    public double totalMs() {
        return totalMs;
    }

    /**
     * The memory the profiled work allocated: the sum over outermost events of their net
     * allocation (libtorch's {@code cpu mem}, allocations less frees within the event, children
     * included), counting events that freed more than they allocated as 0. Memory freed outside
     * any operator (arrays closed from Java) is not seen, so for a forward pass under autograd,
     * whose intermediates stay alive for the backward, this is the memory the forward holds.
     *
     * @return allocated MiB
     */
    public double allocatedMb() {
        return allocatedMb;
    }

    /** @return self time (ms) per category, decreasing */
    public Map<String, Double> byCategory() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Op o : ops) {
            m.merge(o.category(), o.selfMs(), Double::sum);
        }
        return sortDesc(m);
    }

    /** @return allocated MB per category, decreasing */
    public Map<String, Double> allocationByCategory() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Op o : ops) {
            m.merge(o.category(), o.allocMb(), Double::sum);
        }
        return sortDesc(m);
    }

    /** @return self time (ms) of operators on 5-dimensional (pair) tensors */
    public double pairMs() {
        double s = 0;
        for (Op o : ops) {
            s += o.pairMs();
        }
        return s;
    }

    private static Map<String, Double> sortDesc(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
