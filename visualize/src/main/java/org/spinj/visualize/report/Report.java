package org.spinj.visualize.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinj.visualize.plot.PngFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One self-contained HTML page per run: a title, the run's config and metrics as tables, and its
 * figures and small tables in the order they were added (figures and tables numbered apart).
 * Images are embedded as base64 {@code data:} URIs and the style sheet is inline, so the page
 * opens from disk with no server and no external asset.
 *
 * <pre>{@code
 * Report.builder().setTitle("SPIN on METR-LA")
 *         .optConfigJson(configJson).optMetrics(Map.of("test MAE", "1.91"))
 *         .addFigure("Temporal attention, layer 0", Path.of("temporal_l0.png"))
 *         .build().write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class Report {

    private static final Logger LOG = LoggerFactory.getLogger(Report.class);

    private static final String STYLE = "body{font-family:sans-serif;margin:2em auto;max-width:"
            + "1100px;color:#222}table{border-collapse:collapse;margin:0 0 1.5em}td,th{border:"
            + "1px solid #ccc;padding:3px 10px;text-align:left}th{background:#f3f3f3}"
            + "figure{margin:0 0 2em}img{max-width:100%;border:1px solid #ddd}"
            + "figcaption{color:#555;margin-top:.3em}caption{text-align:left;color:#555;"
            + "padding:0 0 .3em}";

    private final String title;
    private final Map<String, String> config;
    private final Map<String, String> metrics;
    private final List<ReportItem> items;

    private Report(Builder b) {
        title = b.title;
        config = Collections.unmodifiableMap(new LinkedHashMap<>(b.config));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        items = List.copyOf(b.items);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the figures and tables, in page order */
    public List<ReportItem> items() {
        return items;
    }

    /** @return the figures, in page order */
    public List<ReportFigure> figures() {
        return items.stream().filter(ReportFigure.class::isInstance)
                .map(ReportFigure.class::cast).toList();
    }

    /** @return the tables of the body (not the metrics and config tables), in page order */
    public List<ReportTable> tables() {
        return items.stream().filter(ReportTable.class::isInstance)
                .map(ReportTable.class::cast).toList();
    }

    /** @return the page as HTML5 */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n");
        table(h, "Metrics", "metric", metrics);
        table(h, "Configuration", "setting", config);
        if (!items.isEmpty()) {
            h.append("<h2>Figures</h2>\n");
        }
        int figure = 0;
        int table = 0;
        for (ReportItem item : items) {
            if (item instanceof ReportFigure f) {
                figure++;
                h.append("<figure id=\"figure-").append(figure).append("\">\n<img alt=\"")
                        .append(escape(f.caption()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png()))
                        .append("\">\n<figcaption>Figure ").append(figure).append(". ")
                        .append(escape(f.caption()))
                        .append("</figcaption>\n</figure>\n");
            } else if (item instanceof ReportTable t) {
                table++;
                h.append("<table id=\"table-").append(table).append("\">\n<caption>Table ")
                        .append(table).append(". ").append(escape(t.caption()))
                        .append("</caption>\n<tr>");
                t.columns().forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(escape(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * Writes the page atomically (temporary file in the same folder, then move).
     *
     * @param path the HTML file, e.g. {@code runDir/report.html}
     * @return {@code path}
     */
    public Path write(Path path) {
        PngFile.write(html().getBytes(StandardCharsets.UTF_8), path);
        LOG.info("wrote report {} ({} figures, {} tables)", path, figures().size(),
                tables().size());
        return path;
    }

    private static void table(StringBuilder h, String heading, String keyHeader,
            Map<String, String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        h.append("<h2>").append(heading).append("</h2>\n<table>\n<tr><th>").append(keyHeader)
                .append("</th><th>value</th></tr>\n");
        for (Map.Entry<String, String> row : rows.entrySet()) {
            h.append("<tr><td>").append(escape(row.getKey())).append("</td><td>")
                    .append(escape(row.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Builds a {@link Report}; only the title is required. */
    public static final class Builder {

        private String title;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, String> metrics = new LinkedHashMap<>();
        private final List<ReportItem> items = new ArrayList<>();

        private Builder() {}

        /**
         * @param title the page title
         * @return this builder
         */
        public Builder setTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Adds config rows, in the map's iteration order.
         *
         * @param config setting name to value
         * @return this builder
         */
        public Builder optConfig(Map<String, String> config) {
            Objects.requireNonNull(config, "config").forEach(this::putConfig);
            return this;
        }

        /**
         * Adds config rows from a JSON document, flattened to dotted paths ({@code
         * {"model":{"layers":5}}} gives the row {@code model.layers = 5}; array elements are
         * {@code name[i]}).
         *
         * @param json a JSON object
         * @return this builder
         * @throws IllegalArgumentException if the text is not a JSON object
         */
        public Builder optConfigJson(String json) {
            Objects.requireNonNull(json, "json");
            JsonElement root;
            try {
                root = JsonParser.parseString(json);
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("config is not valid JSON: " + e.getMessage(),
                        e);
            }
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException(
                        "config JSON must be an object, got " + json.strip());
            }
            flatten("", root);
            return this;
        }

        private void flatten(String prefix, JsonElement e) {
            if (e.isJsonObject()) {
                e.getAsJsonObject().entrySet().forEach(en -> flatten(
                        prefix.isEmpty() ? en.getKey() : prefix + "." + en.getKey(),
                        en.getValue()));
            } else if (e.isJsonArray()) {
                for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                    flatten(prefix + "[" + i + "]", e.getAsJsonArray().get(i));
                }
            } else {
                putConfig(prefix, e.isJsonNull() ? "null" : e.getAsString());
            }
        }

        private void putConfig(String key, String value) {
            config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
        }

        /**
         * Adds metric rows, in the map's iteration order (pass a {@code LinkedHashMap} to fix
         * the order).
         *
         * @param metrics metric name to formatted value
         * @return this builder
         */
        public Builder optMetrics(Map<String, String> metrics) {
            Objects.requireNonNull(metrics, "metrics").forEach((k, v) -> this.metrics.put(
                    Objects.requireNonNull(k, "metric name"), Objects.requireNonNull(v, k)));
            return this;
        }

        /**
         * Adds a figure.
         *
         * @param caption the caption
         * @param png the PNG bytes
         * @return this builder
         */
        public Builder addFigure(String caption, byte[] png) {
            items.add(new ReportFigure(caption, png));
            return this;
        }

        /**
         * Adds a small table after the items added so far.
         *
         * @param caption the caption shown above it
         * @param columns the column headers
         * @param rows formatted cells, one per column in every row
         * @return this builder
         * @throws IllegalArgumentException if a row does not have one cell per column
         */
        public Builder addTable(String caption, List<String> columns, List<List<String>> rows) {
            items.add(new ReportTable(caption, columns, rows));
            return this;
        }

        /**
         * Adds a figure read from a PNG file (embedded now; the file is not needed later).
         *
         * @param caption the caption
         * @param png the PNG file
         * @return this builder
         * @throws UncheckedIOException naming the file if it cannot be read
         */
        public Builder addFigure(String caption, Path png) {
            Objects.requireNonNull(png, "png");
            try {
                return addFigure(caption, Files.readAllBytes(png));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + png, e);
            }
        }

        /**
         * @return the report
         * @throws IllegalArgumentException if the title is missing
         */
        public Report build() {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("setTitle is required and must not be blank");
            }
            return new Report(this);
        }
    }
}
