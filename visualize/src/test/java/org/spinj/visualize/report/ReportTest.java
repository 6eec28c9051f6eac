package org.spinj.visualize.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.plot.AttentionHeatmap;
import org.spinj.visualize.plot.ErrorBarChart;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

class ReportTest {

    /** Sets data-images-ok="loaded/total" on the body once the page has loaded. */
    private static final String PROBE = "<script>window.addEventListener('load',function(){"
            + "var i=document.images,n=0;for(var k=0;k<i.length;k++){"
            + "if(i[k].complete&&i[k].naturalWidth>0){n++;}}"
            + "document.body.setAttribute('data-images-ok',n+'/'+i.length);});</script>";
    private static final Pattern MARKER = Pattern.compile("data-images-ok=\"(\\d+)/(\\d+)\"");

    private static byte[] heatmapPng() {
        double[][] v = {{1, 0, 0}, {0.4, 0.6, 0}, {0.2, 0.3, 0.5}};
        boolean[][] a = {{true, false, false}, {true, true, false}, {true, true, true}};
        return PngFile.encode(AttentionHeatmap.chart(AttentionMatrix.of(v, a), "layer 0"),
                new PlotSize(320, 240));
    }

    private static byte[] barsPng() {
        return PngFile.encode(ErrorBarChart.perNode(new double[] {1, 2, 3}, null, "MAE", "MAE"),
                new PlotSize(300, 200));
    }

    private static Report report(byte[]... pngs) {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("test MAE", "1.91");
        metrics.put("test MSE", "12.3");
        Report.Builder b = Report.builder().setTitle("SPIN <demo> & run 1")
                .optConfigJson("{\"model\":{\"layers\":5,\"heads\":[1,2]},\"lr\":0.0008}")
                .optMetrics(metrics);
        for (int k = 0; k < pngs.length; k++) {
            b.addFigure("figure " + k, pngs[k]);
        }
        return b.build();
    }

    @Test
    void pageIsSelfContainedWithTablesAndEscapedText(@TempDir Path dir) throws IOException {
        Path html = report(heatmapPng(), barsPng()).write(dir.resolve("run/report.html"));

        String page = Files.readString(html);
        assertThat(page).contains("<title>SPIN &lt;demo&gt; &amp; run 1</title>")
                .contains("<td>model.layers</td><td>5</td>")
                .contains("<td>model.heads[1]</td><td>2</td>")
                .contains("<td>test MAE</td><td>1.91</td>")
                .contains("Figure 2. figure 1");
        assertThat(page.indexOf("test MAE")).isLessThan(page.indexOf("test MSE"));
        assertThat(page).doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=\"file").doesNotContain("<link");
        assertThat(page.split("src=\"data:image/png;base64,", -1)).hasSize(3);
        try (var files = Files.list(html.getParent())) {
            assertThat(files).containsExactly(html); // written atomically, no temp file left
        }
    }

    @Test
    void tablesAreRenderedInPageOrderBetweenFiguresWithEscapedCells() {
        Report r = Report.builder().setTitle("run")
                .addFigure("first", barsPng())
                .addTable("Attention <stats>", List.of("layer", "locality"),
                        List.of(List.of("layer0.self", "2.50"), List.of("a & b", "1.00")))
                .addFigure("second", barsPng())
                .build();

        String page = r.html();
        assertThat(page).contains("<caption>Table 1. Attention &lt;stats&gt;</caption>")
                .contains("<tr><th>layer</th><th>locality</th></tr>")
                .contains("<tr><td>layer0.self</td><td>2.50</td></tr>")
                .contains("<td>a &amp; b</td>");
        assertThat(page.indexOf("Figure 1. first")).isLessThan(page.indexOf("Table 1."));
        assertThat(page.indexOf("Table 1.")).isLessThan(page.indexOf("Figure 2. second"));
        assertThat(r.figures()).extracting(ReportFigure::caption)
                .containsExactly("first", "second");
        assertThat(r.tables()).extracting(ReportTable::caption)
                .containsExactly("Attention <stats>");
        assertThat(r.items()).hasSize(3);
    }

    @Test
    void aTableRowWithTheWrongNumberOfCellsIsRefused() {
        assertThatThrownBy(() -> Report.builder().addTable("stats", List.of("a", "b"),
                List.of(List.of("1", "2"), List.of("3"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "table 'stats': row 1 has 1 cells, expected one per column (2)");
    }

    @Test
    void invalidInputsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Report.builder().build())
                .hasMessageContaining("setTitle is required");
        assertThatThrownBy(() -> Report.builder().optConfigJson("[1, 2]"))
                .hasMessageContaining("must be an object");
        assertThatThrownBy(() -> Report.builder().addFigure("x", new byte[] {1, 2, 3, 4, 5, 6,
                7, 8, 9})).hasMessageContaining("figure 'x' is not a PNG");
    }

    @Test
    void everyImageLoadsInHeadlessChromium(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no chromium binary on PATH (Debian: apt-get install -y chromium); skipped");

        Path html = report(heatmapPng(), barsPng(), heatmapPng()).write(dir.resolve("r.html"));

        assertThat(loadedImages(chromium.get(), html, dir)).isEqualTo(new int[] {3, 3});
    }

    @Test
    void headlessChromiumProbeDetectsABrokenImage(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(),
                "no chromium binary on PATH (Debian: apt-get install -y chromium); skipped");
        byte[] good = barsPng();
        byte[] truncated = Arrays.copyOf(good, 40); // PNG signature, then nothing decodable

        Path html = report(good, truncated).write(dir.resolve("broken.html"));

        assertThat(loadedImages(chromium.get(), html, dir)).isEqualTo(new int[] {1, 2});
    }

    private static int[] loadedImages(Path chromium, Path html, Path dir) throws Exception {
        Path probe = dir.resolve("probe-" + html.getFileName());
        String page = Files.readString(html).replace("</body>", PROBE + "</body>");
        Files.writeString(probe, page);
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless",
                "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000",
                "--dump-dom", probe.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.err").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String dom = new String(out, StandardCharsets.UTF_8);
        Matcher m = MARKER.matcher(dom);
        assertThat(m.find()).as("probe marker in the DOM; stderr: %s",
                Files.readString(dir.resolve("chromium.err"))).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static Optional<Path> chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
