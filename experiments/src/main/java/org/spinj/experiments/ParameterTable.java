package org.spinj.experiments;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A torchinfo-like table of a network's parameters, grouped as SPIN is built: the top-level
 * children ({@code ulin}, {@code qmlp}, {@code hmlp}), {@code hnorm} (the input LayerNorm's
 * {@code hnorm_gamma}, {@code hnorm_beta}), {@code embeddings} ({@code node_emb}, {@code
 * valid_emb}, {@code mask_emb}, each {@code [N, d]}), then per layer {@code L} its {@code xskipL},
 * the parts of {@code layerL} ({@code cross}, {@code self}, {@code linskip}, {@code norm}) and
 * {@code readoutL}.
 */
public final class ParameterTable {

    /**
     * One parameter.
     *
     * @param group the row group, e.g. {@code layer0.cross}
     * @param name the parameter's name within the group, e.g. {@code lin_src_weight}
     * @param shape its shape
     */
    public record Row(String group, String name, Shape shape) {

        /** Checks the fields. */
        public Row {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
        }

        /** @return the number of scalars */
        public long count() {
            return shape.size();
        }
    }

    private static final Pattern LAYER_GROUP =
            Pattern.compile("(xskip|layer|readout)(\\d+)(?:\\.(\\w+))?");

    private static final List<String> PER_LAYER =
            List.of("xskip", "cross", "self", "linskip", "norm", "readout");

    private final List<Row> rows;

    private ParameterTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Builds the table from logical parameter names ({@code SpinModel#logicalParameters()}).
     *
     * @param parameters initialised arrays by logical name, e.g. {@code layer0.cross.lin_src_weight}
     * @return the table, grouped in the order of {@link #rank}, registration order within a group
     */
    public static ParameterTable of(Map<String, NDArray> parameters) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String[] gn = split(e.getKey());
            rows.add(new Row(gn[0], gn[1], e.getValue().getShape()));
        }
        rows.sort(Comparator.comparing((Row r) -> rank(r.group()),
                Comparator.<int[]>comparingInt(k -> k[0]).thenComparingInt(k -> k[1])));
        return new ParameterTable(rows);
    }

    /**
     * Splits a logical name into its group and the name within the group.
     *
     * @param logical e.g. {@code layer0.norm_gamma}, {@code layer0.cross.lin_src_weight}, {@code
     *     valid_emb}, {@code qmlp.lin0.weight}
     * @return {@code {group, name}}, e.g. {@code {layer0.norm, norm_gamma}}, {@code {layer0.cross,
     *     lin_src_weight}}, {@code {embeddings, valid_emb}}, {@code {qmlp, lin0.weight}}
     */
    static String[] split(String logical) {
        String[] parts = logical.split("\\.");
        if (parts.length == 1) {
            String name = parts[0];
            String group =
                    name.endsWith("_emb") ? "embeddings" : name.startsWith("hnorm") ? "hnorm" : name;
            return new String[] {group, name};
        }
        if (parts[0].startsWith("layer")) {
            if (parts.length == 2) {
                // a SpinLayer's own parameters: its LayerNorm
                String part = parts[1].startsWith("norm_") ? "norm" : parts[1];
                return new String[] {parts[0] + "." + part, parts[1]};
            }
            return new String[] {parts[0] + "." + parts[1], tail(parts, 2)};
        }
        return new String[] {parts[0], tail(parts, 1)};
    }

    private static String tail(String[] parts, int from) {
        return String.join(".", java.util.Arrays.asList(parts).subList(from, parts.length));
    }

    /**
     * The order of a group in the table: the encoder ({@code ulin, qmlp, hmlp, hnorm,
     * embeddings}), then per layer {@code xskipL, layerL.cross, layerL.self, layerL.linskip,
     * layerL.norm, readoutL}; unknown groups last.
     *
     * @param group a group name
     * @return {@code {layer (-1 for the encoder), position}}
     */
    static int[] rank(String group) {
        List<String> encoder = List.of("ulin", "qmlp", "hmlp", "hnorm", "embeddings");
        if (encoder.contains(group)) {
            return new int[] {-1, encoder.indexOf(group)};
        }
        Matcher m = LAYER_GROUP.matcher(group);
        if (m.matches()) {
            int layer = Integer.parseInt(m.group(2));
            String part = m.group(1).equals("layer") ? m.group(3) : m.group(1);
            int pos = PER_LAYER.indexOf(part);
            return new int[] {layer, pos < 0 ? PER_LAYER.size() : pos};
        }
        return new int[] {Integer.MAX_VALUE, 0};
    }

    /** @return every parameter, in table order */
    public List<Row> rows() {
        return rows;
    }

    /** @return the total number of scalars */
    public long total() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    /** @return the number of scalars per group, in order of first appearance */
    public Map<String, Long> groupTotals() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.merge(r.group(), r.count(), Long::sum);
        }
        return out;
    }

    private static String brackets(Shape shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < shape.dimension(); k++) {
            sb.append(k == 0 ? "" : ", ").append(shape.get(k));
        }
        return sb.append(']').toString();
    }

    /**
     * Prints the table: one line per group with its total, one indented line per parameter with
     * its shape, and the total.
     *
     * @param out where to print
     */
    public void print(PrintWriter out) {
        String line = "-".repeat(64);
        out.println(line);
        out.println(String.format(Locale.ROOT, "%-34s %-16s %12s", "Layer (parameter)", "Shape",
                "Param #"));
        out.println(line);
        Map<String, Long> totals = groupTotals();
        String current = null;
        for (Row r : rows) {
            if (!r.group().equals(current)) {
                current = r.group();
                out.println(String.format(Locale.ROOT, "%-34s %-16s %,12d", current, "",
                        totals.get(current)));
            }
            out.println(String.format(Locale.ROOT, "  %-32s %-16s %,12d", r.name(),
                    brackets(r.shape()), r.count()));
        }
        out.println(line);
        out.println(String.format(Locale.ROOT, "Total params: %,d", total()));
        out.println(String.format(Locale.ROOT, "Parameter size (fp32): %s",
                ActivationEstimate.formatBytes(total() * Float.BYTES)));
        out.println(line);
    }
}
