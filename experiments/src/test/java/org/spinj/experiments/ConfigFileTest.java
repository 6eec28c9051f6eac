package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@link ConfigFile}: JSON and YAML files under the command line, errors with file and line. */
class ConfigFileTest {

    @TempDir Path tmp;

    @Command(name = "probe")
    static final class Probe {
        @Option(names = "--epochs") int epochs = 300;
        @Option(names = "--lr") double lr = 0.0008;
        @Option(names = "--seed") long seed = 1;
        @Option(names = "--dataset") String dataset;
        @Option(names = "--out") Path out = Path.of("runs");
        @Option(names = "--cudnn") boolean cudnn;
        @Option(names = "--config") Path config;
    }

    private Probe apply(Path file, String... args) {
        Probe p = new Probe();
        CommandLine cl = new CommandLine(p);
        cl.parseArgs(args);
        ConfigFile.apply(cl.getCommandSpec(), file);
        return p;
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.yaml", "run.yml", "RUN.YAML"})
    void yamlSetsEveryTypeOfOption(String name) throws IOException {
        Path f = write(name, "# a comment\nepochs: 5\nlr: 0.01\nseed: 42\ndataset: aqi36\n"
                + "out: /tmp/r\ncudnn: yes\n");
        Probe p = apply(f);
        assertThat(p.epochs).isEqualTo(5);
        assertThat(p.lr).isEqualTo(0.01);
        assertThat(p.seed).isEqualTo(42L);
        assertThat(p.dataset).isEqualTo("aqi36");
        assertThat(p.out).isEqualTo(Path.of("/tmp/r"));
        assertThat(p.cudnn).isTrue();
    }

    @Test
    void jsonAndYamlGiveTheSameOptions() throws IOException {
        Probe j = apply(write("a.json", "{\"epochs\": 5, \"lr\": 0.01, \"dataset\": \"x\","
                + " \"cudnn\": true}"));
        Probe y = apply(write("a.yaml", "epochs: 5\nlr: 0.01\ndataset: x\ncudnn: true\n"));
        assertThat(y).usingRecursiveComparison().isEqualTo(j);
    }

    @Test
    void commandLineWinsOverYaml() throws IOException {
        Probe p = apply(write("c.yaml", "epochs: 5\nseed: 7\n"), "--epochs", "2");
        assertThat(p.epochs).isEqualTo(2);
        assertThat(p.seed).isEqualTo(7L);
    }

    @Test
    void yamlNullUnsetsAnOptionAndAnEmptyFileSetsNothing() throws IOException {
        Probe p = apply(write("n.yaml", "dataset: ~\n"), "--dataset", "aqi36");
        assertThat(p.dataset).isEqualTo("aqi36"); // the command line wins over null too
        Probe q = apply(write("n2.yml", "out: null\n"));
        assertThat(q.out).isNull();
        Probe e = apply(write("empty.yaml", "# nothing\n"));
        assertThat(e.epochs).isEqualTo(300);
    }

    @Test
    void deviceKeyIsIgnoredInBothFormats() throws IOException {
        assertThat(apply(write("d.yaml", "device: gpu:0\nepochs: 3\n")).epochs).isEqualTo(3);
        assertThat(apply(write("d.json", "{\"device\": \"gpu:0\", \"epochs\": 3}")).epochs)
                .isEqualTo(3);
    }

    @Test
    void unknownYamlKeyNamesFileAndLine() throws IOException {
        Path f = write("u.yaml", "epochs: 5\n\nepoch: 3\n");
        assertThatThrownBy(() -> apply(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":3: unknown option 'epoch' for 'probe'");
    }

    @Test
    void unknownJsonKeyNamesFileAndLine() throws IOException {
        Path f = write("u.json", "{\n  \"epochs\": 5,\n  \"epoch\": 3\n}\n");
        assertThatThrownBy(() -> apply(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":3: unknown option 'epoch' for 'probe'");
    }

    @Test
    void wrongTypeNamesFileLineKeyAndExpectedType() throws IOException {
        Path y = write("t.yaml", "lr: 0.1\nepochs: many\n");
        assertThatThrownBy(() -> apply(y))
                .hasMessageStartingWith(y + ":2: option 'epochs' has value \"many\", expected a int");
        Path j = write("t.json", "{\"lr\": 0.1,\n\"epochs\": \"many\"}");
        assertThatThrownBy(() -> apply(j))
                .hasMessageStartingWith(j + ":2: option 'epochs' has value \"many\", expected a int");
        Path b = write("b.yaml", "cudnn: 1\n");
        assertThatThrownBy(() -> apply(b))
                .hasMessageStartingWith(b + ":1: option 'cudnn' has value \"1\", expected a boolean")
                .hasMessageContaining("expected true or false");
        Path n = write("bool-number.yaml", "epochs: true\n");
        assertThatThrownBy(() -> apply(n))
                .hasMessageStartingWith(n + ":1: option 'epochs' has value true, expected a int");
    }

    @Test
    void listsAndMappingsAreNotSingleValues() throws IOException {
        Path y = write("l.yaml", "epochs:\n  - 1\n  - 2\n");
        assertThatThrownBy(() -> apply(y))
                .hasMessageStartingWith(y + ":1: option 'epochs' has value sequence")
                .hasMessageContaining("not a single value");
        Path j = write("l.json", "{\"epochs\": [1, 2]}");
        assertThatThrownBy(() -> apply(j))
                .hasMessageStartingWith(j + ":1: option 'epochs' has value [1,2]")
                .hasMessageContaining("not a single value");
    }

    @Test
    void malformedYamlNamesFileAndLine() throws IOException {
        Path f = write("m.yaml", "epochs: 5\nlr: [0.1\nseed: 3\n");
        assertThatThrownBy(() -> apply(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ":")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void duplicateKeyIsAnErrorInBothFormats() throws IOException {
        Path f = write("dup.yaml", "epochs: 5\nepochs: 6\n");
        assertThatThrownBy(() -> apply(f))
                .hasMessage(f + ":2: option 'epochs' is given twice (first on line 1)");
        Path j = write("dup.json", "{\"epochs\": 5,\n \"epochs\": 6}");
        assertThatThrownBy(() -> apply(j))
                .hasMessage(j + ":2: option 'epochs' is given twice (first on line 1)");
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path f = write("m.json", "{\"epochs\": 5,\n\"lr\" 0.1}");
        assertThatThrownBy(() -> apply(f))
                .hasMessageStartingWith(f + " is not valid JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void topLevelMustBeAnObject() throws IOException {
        Path y = write("s.yaml", "- epochs\n- 5\n");
        assertThatThrownBy(() -> apply(y))
                .hasMessage(y + ":1: expected a YAML mapping of option names to values, got a"
                        + " sequence");
        Path j = write("s.json", "[1, 2]");
        assertThatThrownBy(() -> apply(j))
                .hasMessageStartingWith(j + ":1: expected a JSON object of option names to values");
    }

    @Test
    void missingFileIsNamed() {
        Path f = tmp.resolve("absent.yaml");
        assertThatThrownBy(() -> apply(f)).hasMessage("--config " + f + ": no such file");
    }

    @Test
    void trainTakesAYamlConfigAndTheCommandLineWins() throws IOException {
        Path f = write("train.yaml", "epochs: 3\nseed: 7\nhidden: 4\n");
        Path out = tmp.resolve("runs");
        // a baseline: the options are stored all the same, without the time of training SPIN
        CliRun r = CliRun.of(CommandsEndToEndTest.args("train", "--model", "mean", "--config",
                f.toString(), "--epochs", "1", "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonObject c = new RunDirectory(CommandsEndToEndTest.onlyRun(
                out.resolve("synthetic").resolve("mean"))).config();
        assertThat(c.get("epochs").getAsInt()).isEqualTo(1);
        assertThat(c.get("seed").getAsLong()).isEqualTo(7);
        assertThat(c.get("hidden").getAsInt()).isEqualTo(8);
        Path bad = write("bad.yaml", "epochs: 1\nepoch: 3\n");
        CliRun b = CliRun.of(CommandsEndToEndTest.args("train", "--config", bad.toString()));
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains(bad + ":2: unknown option 'epoch' for 'spinj train'");
    }

    @Test
    void aHugeValueOrKeyIsCutInTheMessage() throws IOException {
        String huge = "9".repeat(20_000_000) + "x";
        Path j = write("huge.json", "{\"epochs\": \"" + huge + "\"}");
        assertThatThrownBy(() -> apply(j))
                .hasMessageStartingWith(j + ":1: option 'epochs' has value \"9999")
                .hasMessageContaining("(20000001 characters)")
                .hasMessageContaining("expected a int")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500).doesNotContain("\n"));
        Path k = write("key.json", "{\"" + "k".repeat(1_000_000) + "\": 1}");
        assertThatThrownBy(() -> apply(k))
                .hasMessageContaining("unknown option 'kkkk")
                .hasMessageContaining("(1000000 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
        // a file far larger than any set of options is refused unread
        Path big = tmp.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ConfigFile.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertThatThrownBy(() -> apply(big))
                .hasMessage("--config " + big + " is " + (ConfigFile.MAX_BYTES + 1)
                        + " bytes, expected at most " + ConfigFile.MAX_BYTES + " (a file of options)");
    }
}
