package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules over the reactor's main sources that the compiler cannot check. */
class SourceRulesTest {

    private static final List<String> MODULES =
            List.of("graph", "temporal", "datasets", "spin", "visualize", "experiments");

    /**
     * DJL's {@code NDArray} methods that take a {@code Number} build the scalar over a Java
     * buffer that the garbage collector may free before the backward pass reads it (see
     * {@code org.spinj.graph.tensor.Scalars}). A number literal, a constant, a cast or a
     * {@code Math} call passed to one of them is the tell-tale form, negated or not, and a
     * constant may be qualified by its class.
     */
    private static final Pattern NUMBER_OPERAND =
            Pattern.compile("\\.(mul|div|minimum|maximum|pow)\\(\\s*[-+]?\\s*"
                    + "([0-9.]|\\((float|double|int|long)\\)|Math\\."
                    + "|([A-Z][A-Za-z0-9_]*\\.)*[A-Z][A-Z0-9_]{2,}\\s*\\))");

    private static final Pattern PRINTS = Pattern.compile("System\\.(out|err)\\b");

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        // surefire runs in the module directory; the reactor root is its parent
        return Files.exists(dir.resolve("graph")) ? dir : dir.getParent();
    }

    private static List<Path> sources(String module) {
        Path dir = root().resolve(module).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> matches(List<Path> files, Pattern pattern) {
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//")) {
                        continue;
                    }
                    if (pattern.matcher(line).find()) {
                        hits.add(root().relativize(f) + ":" + (i + 1) + ": " + line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hits;
    }

    @Test
    void theRulesSeeEveryModule() {
        for (String m : MODULES) {
            assertThat(sources(m)).as(m).isNotEmpty();
        }
        // the pattern catches the forms it is meant to catch
        assertThat(NUMBER_OPERAND.matcher("x.mul(2f)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.div(Math.sqrt(d))").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.maximum(MASK_PENALTY)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.mul(-MASKED_SCORE)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.mul(- 2f)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.div(-(float) n)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.mul(.5f)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.mul(EdgeSoftmax.MASKED_SCORE)").find()).isTrue();
        assertThat(NUMBER_OPERAND.matcher("x.mul(alpha)").find()).isFalse();
        assertThat(NUMBER_OPERAND.matcher("x.mul(-alpha)").find()).isFalse();
        assertThat(NUMBER_OPERAND.matcher("x.mul(Scalars.of(x, 2))").find()).isFalse();
    }

    @Test
    void noDjlScalarOperandsInMainCode() {
        List<String> hits = new ArrayList<>();
        for (String m : MODULES) {
            hits.addAll(matches(sources(m), NUMBER_OPERAND));
        }
        assertThat(hits)
                .as("use org.spinj.graph.tensor.Scalars: DJL's Number operands can be freed "
                        + "before the backward pass")
                .isEmpty();
    }

    @Test
    void onlyExperimentsPrints() {
        List<String> hits = new ArrayList<>();
        for (String m : MODULES.subList(0, MODULES.size() - 1)) {
            hits.addAll(matches(sources(m), PRINTS));
        }
        assertThat(hits).as("library modules report through return values and listeners").isEmpty();
    }
}
