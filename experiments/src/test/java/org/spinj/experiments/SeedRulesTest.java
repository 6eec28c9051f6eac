package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test in the reactor seeds what it draws from: see {@link SeedRules}. The rules are
 * tested on small sources first, so a pass over the real tests means something.
 */
class SeedRulesTest {

    private static final List<String> MODULES =
            List.of("graph", "temporal", "datasets", "spin", "visualize", "experiments");

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        // surefire runs in the module directory; the reactor root is its parent
        return Files.exists(dir.resolve("graph")) ? dir : dir.getParent();
    }

    private static List<Path> testSources(String module) {
        Path dir = root().resolve(module).resolve("src/test/java");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String testClass(String body) {
        return "package p;\n\nimport org.junit.jupiter.api.Test;\n\nclass ATest {\n"
                + body + "\n}\n";
    }

    @Test
    void everyTestSeedsWhatItDrawsFrom() throws IOException {
        List<String> findings = new ArrayList<>();
        int files = 0;
        for (String m : MODULES) {
            for (Path f : testSources(m)) {
                files++;
                String name = root().relativize(f).toString();
                findings.addAll(SeedRules.check(name, Files.readString(f)));
            }
        }
        assertThat(files).as("test sources found").isGreaterThan(50);
        assertThat(findings)
                .as("seed the engine before initialising a block or sampling (a fixed number,"
                        + " e.g. Engine.getInstance().setRandomSeed(1)), and give every Java"
                        + " generator a seed, so that each run checks the same model")
                .isEmpty();
    }

    @Test
    void anUnseededHybridModelTestIsReportedWithItsFileAndLine() {
        // the shape of the completeness test that checked a different model on every run
        String src = testClass("""
                    @Test
                    void integratedGradientsAreCompleteOnTheHybridModel() {
                        try (NDManager m = NDManager.newBaseManager()) {
                            HybridCnnLstmAttention net = new HybridCnnLstmAttention(16, 3, 4, 4);
                            net.initialize(m, DataType.FLOAT32, net.inputShapes(1));
                        }
                    }
                """);
        assertThat(SeedRules.check("visualize/src/test/java/ExplanationsTest.java", src))
                .singleElement(STRING)
                .startsWith("visualize/src/test/java/ExplanationsTest.java:10: "
                        + "integratedGradientsAreCompleteOnTheHybridModel() builds a model")
                .endsWith("net.initialize(m, DataType.FLOAT32, net.inputShapes(1));");
    }

    @Test
    void aSeedMustComeBeforeTheFirstDraw() {
        String seeded = testClass("""
                    @Test
                    void t() {
                        Engine.getInstance().setRandomSeed(3);
                        net.initialize(m, DataType.FLOAT32, shape);
                        NDArray x = m.randomNormal(new Shape(2, 3));
                    }
                """);
        assertThat(SeedRules.check("A.java", seeded)).isEmpty();
        String late = testClass("""
                    @Test
                    void t() {
                        NDArray x = m.randomNormal(new Shape(2, 3));
                        Engine.getInstance().setRandomSeed(3);
                        net.initialize(m, DataType.FLOAT32, shape);
                    }
                """);
        assertThat(SeedRules.check("A.java", late))
                .singleElement(STRING)
                .contains("A.java:8: t() builds a model", "m.randomNormal");
        // each test seeds for itself: a seed in another test does not count
        String other = testClass("""
                    @Test
                    void seeds() {
                        Engine.getInstance().setRandomSeed(3);
                    }

                    @Test
                    void builds() {
                        trainer.initialize(new Shape(4, 5));
                    }
                """);
        assertThat(SeedRules.check("A.java", other))
                .singleElement(STRING)
                .contains("builds() builds a model");
    }

    @Test
    void helpersAndLifecycleMethodsCountWhereTheyAreCalled() {
        String viaHelpers = testClass("""
                    @BeforeEach
                    void seed() {
                        Engine.getInstance().setRandomSeed(5);
                    }

                    @Test
                    void a() {
                        build(m);
                    }

                    private static Block build(NDManager m) {
                        Block b = new Thing();
                        b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
                        return b;
                    }
                """);
        assertThat(SeedRules.check("A.java", viaHelpers)).isEmpty();
        String helperSeeds = testClass("""
                    @Test
                    void a() {
                        Block b = seeded(m, 4);
                    }

                    private static Block seeded(NDManager m, int seed) {
                        Engine.getInstance().setRandomSeed(seed);
                        Block b = new Thing();
                        b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
                        return b;
                    }
                """);
        assertThat(SeedRules.check("A.java", helperSeeds)).isEmpty();
        String unseededHelper = testClass("""
                    @ParameterizedTest
                    @ValueSource(ints = {1, 2})
                    void a(int n) {
                        Block b = make(m, n);
                    }

                    static Block make(NDManager m, int n) {
                        Block b = new Thing(n);
                        b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
                        return b;
                    }
                """);
        assertThat(SeedRules.check("A.java", unseededHelper))
                .singleElement(STRING)
                .contains("A.java:14: a() builds a model");
    }

    @Test
    void aFixtureWithoutTestsSeedsInsideEachBuildingMethod() {
        String fixture = """
                final class Tiny {
                    static Model untrained(NDManager m) {
                        SpinModel net = SpinModel.builder().build();
                        net.initialize(m, DataType.FLOAT32, x, x, u);
                        return net;
                    }

                    static Model seeded(NDManager m) {
                        Engine.getInstance().setRandomSeed(1);
                        return untrained(m);
                    }

                    @Override
                    protected void initializeChildBlocks(NDManager m, DataType t, Shape... s) {
                        child.initialize(m, t, s);
                    }
                }
                """;
        assertThat(SeedRules.check("Tiny.java", fixture))
                .singleElement(STRING)
                .contains("Tiny.java:4: untrained() builds a model");
    }

    @Test
    void commentsAndStringsAreNotCode() {
        String src = testClass("""
                    @Test
                    void t() {
                        // net.initialize(m, DataType.FLOAT32, shape);
                        String s = "m.randomNormal(new Shape(2)) and new Random()";
                        /* Math.random() */
                        char c = '(';
                    }
                """);
        assertThat(SeedRules.check("A.java", src)).isEmpty();
        assertThat(SeedRules.blank("a \"b\" // c\nd")).isEqualTo("a" + " ".repeat(9) + "\nd");
    }

    @Test
    void javaGeneratorsWithoutASeedAreReported() {
        String src = testClass("""
                    @Test
                    void t() {
                        Random a = new Random();
                        SplittableRandom b = new SplittableRandom();
                        Random c = new java.util.Random(System.nanoTime());
                        double d = Math.random();
                        int e = ThreadLocalRandom.current().nextInt();
                        Collections.shuffle(list);
                        Random ok = new Random(42);
                        SplittableRandom ok2 = new SplittableRandom(seed);
                        Collections.shuffle(list, new Random(7));
                    }
                """);
        List<String> findings = SeedRules.check("A.java", src);
        assertThat(findings).hasSize(6);
        assertThat(findings).allMatch(f -> f.startsWith("A.java:"));
        assertThat(findings.get(5)).contains("A.java:13:", "Collections.shuffle(list);");
    }
}
