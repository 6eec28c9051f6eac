package org.spinj.spin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter archives and checkpoints are read within bounds: damaged, hostile or mistyped files
 * end in one clear line, never in a huge allocation.
 */
class ArchiveBoundsTest {

    @TempDir Path dir;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A {@code .npy} entry as numpy writes it (version 1, header padded to 64 bytes). */
    static byte[] npy(String descr, long[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            dims.append(k > 0 ? ", " : "").append(shape[k]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int len = dict.length() + 1;
        len += (64 - (10 + len) % 64) % 64;
        String header = dict + " ".repeat(len - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(len & 0xff);
        out.write(len >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** A deflated zip of the entries, in order. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path npz(String name, String entry, byte[] npy) throws IOException {
        return file(name, zip(Map.of(entry, npy)));
    }

    @Test
    void readsNumpyStyleArchivesOfFloat32AndFloat64InEitherByteOrder() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("layer0.w.npy", npy("<f4", new long[] {2, 3}, floats(1, 2, 3, 4, 5, 6)));
        ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5)
                .putDouble(-2);
        entries.put("b.npy", npy("<f8", new long[] {2}, d.array()));
        entries.put("s.npy", npy("<f4", new long[] {}, floats(7)));
        ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f)
                .putFloat(-1f);
        entries.put("e.npy", npy(">f4", new long[] {2}, big.array()));
        Map<String, NDArray> read = NpzParameters.read(file("ok.npz", zip(entries)), manager);
        assertThat(read.keySet()).containsExactly("layer0.w", "b", "s", "e");
        assertThat(read.get("layer0.w").getShape()).isEqualTo(new Shape(2, 3));
        assertThat(read.get("layer0.w").toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(read.get("b").getDataType()).isEqualTo(DataType.FLOAT64);
        assertThat(read.get("b").toDoubleArray()).containsExactly(0.5, -2);
        assertThat(read.get("s").getShape()).isEqualTo(new Shape());
        assertThat(read.get("e").toFloatArray()).containsExactly(1.5f, -1f);
    }

    @Test
    void aNonFiniteParameterIsRefusedNamingItAndTheFile() throws IOException {
        Path nan = npz("nan.npz", "layer0.w.npy",
                npy("<f4", new long[] {3}, floats(1, Float.NaN, 2)));
        assertThatThrownBy(() -> NpzParameters.read(nan, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter file " + nan)
                .hasMessageContaining("parameter 'layer0.w' holds NaN at element 1");
        Path inf = npz("inf.npz", "b.npy", npy("<f8", new long[] {1},
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(Double.NEGATIVE_INFINITY).array()));
        assertThatThrownBy(() -> NpzParameters.read(inf, manager))
                .hasMessageContaining("parameter 'b' holds -Infinity at element 0");
    }

    @Test
    void anIntegerParameterIsAnErrorNamingArrayAndDtype() throws IOException {
        byte[] longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(4)
                .array();
        Path ints = npz("ints.npz", "node_emb.npy", npy("<i8", new long[] {2}, longs));
        assertThatThrownBy(() -> NpzParameters.read(ints, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ints.toString())
                .hasMessageContaining("parameter 'node_emb' has integer dtype '<i8'")
                .hasMessageContaining("float32 or float64");
        Path half = npz("half.npz", "w.npy", npy("<f2", new long[] {1}, new byte[2]));
        assertThatThrownBy(() -> NpzParameters.read(half, manager))
                .hasMessageContaining("parameter 'w' has dtype '<f2'");
        // optimizer state may hold integer counters
        Map<String, NDArray> state = NpzParameters.decode(
                new ByteArrayInputStream(Files.readAllBytes(ints)), manager, "state", "is corrupt",
                NpyEntry.Kind.STATE, BoundedZip.Limits.DEFAULT);
        assertThat(state.get("node_emb").toLongArray()).containsExactly(3, 4);
    }

    @Test
    void aDeclaredShapeBeyondTheCapIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path huge = npz("huge.npz", "w.npy", npy("<f4", new long[] {1L << 20, 1L << 20},
                new byte[0]));
        assertThatThrownBy(() -> NpzParameters.read(huge, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'w' declares shape (1048576, 1048576) of <f4")
                .hasMessageContaining("more than the");
        Path overflow = npz("overflow.npz", "w.npy",
                npy("<f8", new long[] {1L << 40, 1L << 40}, new byte[0]));
        assertThatThrownBy(() -> NpzParameters.read(overflow, manager))
                .hasMessageContaining("more than 2^63");
    }

    @Test
    void anEntryLongerThanItsShapeNeedsIsRefused() throws IOException {
        byte[] tail = new byte[32 << 20];
        byte[] data = new byte[8 + tail.length];
        System.arraycopy(floats(1, 2), 0, data, 0, 8);
        Path padded = npz("padded.npz", "w.npy", npy("<f4", new long[] {2}, data));
        assertThat(Files.size(padded)).isLessThan(1 << 20);
        assertThatThrownBy(() -> NpzParameters.read(padded, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'w' holds more bytes than its shape (2) of <f4"
                        + " needs (8)");
    }

    @Test
    void aZipBombIsRefusedByItsCompressionRatio() throws IOException {
        // 1 GiB of declared zeros: the shape is within the cap, the ratio is not
        long n = (1L << 30) / 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("w.npy"));
            z.write(npy("<f4", new long[] {n}, new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int k = 0; k < 32; k++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        Path bomb = file("bomb.npz", out.toByteArray());
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThatThrownBy(() -> NpzParameters.read(bomb, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter file " + bomb + " inflates more than 200 times")
                .hasMessageContaining("zip bomb");
    }

    @Test
    void entryCountAndTotalSizeAreCapped() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            entries.put("a" + k + ".npy", npy("<f4", new long[] {100}, floats(new float[100])));
        }
        byte[] bytes = zip(entries);
        BoundedZip.Limits few = new BoundedZip.Limits(3, 1 << 20, 200, 1 << 20);
        assertThatThrownBy(() -> NpzParameters.decode(new ByteArrayInputStream(bytes), manager,
                "archive", "is corrupt", NpyEntry.Kind.PARAMETERS, few))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("archive has more than 3 entries (a damaged or hostile archive?)");
        BoundedZip.Limits small = new BoundedZip.Limits(10, 1000, 200, 1 << 20);
        assertThatThrownBy(() -> NpzParameters.decode(new ByteArrayInputStream(bytes), manager,
                "archive", "is corrupt", NpyEntry.Kind.PARAMETERS, small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("archive inflates to more than 1000 bytes");
    }

    @Test
    void truncatedAndForeignFilesNameTheFile() throws IOException {
        byte[] ok = zip(Map.of("w.npy", npy("<f4", new long[] {2}, floats(1, 2))));
        Path cut = file("cut.npz", Arrays.copyOf(ok, ok.length / 2));
        assertThatThrownBy(() -> NpzParameters.read(cut, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter file " + cut);
        Path text = file("text.npz", "not an archive".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> NpzParameters.read(text, manager))
                .hasMessageStartingWith("parameter file " + text + " is not a readable .npz");
        Path notNpy = npz("raw.npz", "w.npy", floats(1, 2, 3));
        assertThatThrownBy(() -> NpzParameters.read(notNpy, manager))
                .hasMessageContaining("parameter 'w' is not a .npy array");
    }

    @Test
    void checkpointsRoundTripWithIntegerOptimizerState() {
        Path ckpt = dir.resolve("ok.ckpt");
        Map<String, NDArray> params = new LinkedHashMap<>();
        params.put("layer0.w", manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)));
        Map<String, NDArray> opt = Map.of("steps", manager.create(new long[] {12}));
        JsonObject meta = new JsonObject();
        meta.addProperty("dataset", "toy");
        Checkpoint.write(ckpt, meta, params, opt);
        Checkpoint read = Checkpoint.read(ckpt, manager);
        assertThat(read.meta().get("dataset").getAsString()).isEqualTo("toy");
        assertThat(read.params().get("layer0.w").toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThat(read.optimizer().get("steps").toLongArray()).containsExactly(12);
    }

    @Test
    void aCheckpointWithANonFiniteParameterIsRefusedNamingIt() {
        Path ckpt = dir.resolve("nan.ckpt");
        Checkpoint.write(ckpt, new JsonObject(),
                Map.of("readout0.b", manager.create(new float[] {0, Float.POSITIVE_INFINITY})),
                Map.of());
        assertThatThrownBy(() -> Checkpoint.read(ckpt, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint " + ckpt + ": entry params.npz: parameter"
                        + " 'readout0.b' holds Infinity at element 1");
    }

    @Test
    void checkpointBombsAndCrowdsAreRefused() throws IOException {
        byte[] params = NpzParameters.encode(Map.of("w", manager.create(new float[] {1})));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(Checkpoint.META_ENTRY));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int k = 0; k < 32; k++) {
                z.write(spaces);
            }
            z.closeEntry();
            z.putNextEntry(new ZipEntry(Checkpoint.PARAMS_ENTRY));
            z.write(params);
            z.closeEntry();
        }
        Path bomb = file("bomb.ckpt", out.toByteArray());
        assertThatThrownBy(() -> Checkpoint.read(bomb, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint " + bomb + " inflates more than 200 times");
        Map<String, byte[]> crowd = new LinkedHashMap<>();
        for (int k = 0; k <= Checkpoint.MAX_ENTRIES; k++) {
            crowd.put("junk" + k, new byte[1]);
        }
        Path many = file("many.ckpt", zip(crowd));
        assertThatThrownBy(() -> Checkpoint.read(many, manager))
                .hasMessage("checkpoint " + many + " has more than " + Checkpoint.MAX_ENTRIES
                        + " entries (a damaged or hostile archive?)");
        Path foreign = file("foreign.ckpt", zip(Map.of("x", new byte[3])));
        assertThatThrownBy(() -> Checkpoint.read(foreign, manager))
                .hasMessageContaining("is not a spinj checkpoint");
    }
}
