package org.spinj.datasets.io;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.message.FilterPipelineMessage;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Reads a pandas {@code DataFrame} saved with {@code to_hdf} in fixed format, the layout of
 * DCRNN's {@code metr-la.h5} and {@code pems-bay.h5}, through the pure-Java {@code io.jhdf}:
 *
 * <pre>
 *   /df/axis0          [N]     node ids (strings or integers)
 *   /df/axis1          [T]     int64 nanoseconds since the epoch (naive wall-clock times)
 *   /df/block0_values  [T, N]  float64 or float32
 *   /df/block0_items   [N]     the same ids (checked when present)
 * </pre>
 *
 * <p>The group is the given key, else {@code df}, else {@code speed}, else the only top-level
 * group. NaN is missing; with {@code zerosAreMissing} (METR-LA) 0 is missing too.
 *
 * <p>jhdf cannot decompress blosc (PyTables' {@code complib='blosc'}, HDF5 filter id {@value
 * #BLOSC_FILTER_ID}). Every dataset's filter pipeline is checked for that id before its data is
 * read, so such a file gets an error telling how to re-save it rather than jhdf's missing-filter
 * message; jhdf's message is still matched as a fallback for datasets whose header cannot be
 * inspected.
 */
public final class PandasHdfReader {

    /** The HDF5 filter id registered for blosc (PyTables' {@code FILTER_BLOSC}). */
    public static final int BLOSC_FILTER_ID = 32001;

    private static final Logger LOG = LoggerFactory.getLogger(PandasHdfReader.class);

    private PandasHdfReader() {}

    /**
     * @param file the {@code .h5} file
     * @param key the group, or null to pick {@code df}, {@code speed} or the only group
     * @param zerosAreMissing whether a 0 reading means missing (METR-LA)
     * @param zone the time zone of the wall-clock timestamps
     * @return the series {@code [T, N, 1]} and the gaps of the time index, filled as missing
     * @throws IllegalArgumentException naming the file and dataset on a bad layout, blosc
     *     compression or an irregular time index
     */
    public static SeriesReadResult read(Path file, String key, boolean zerosAreMissing, ZoneId zone) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(zone, "zone");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("HDF5 file " + file + " is missing");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Group group = group(hdf, file, key);
            String where = file + ":" + group.getPath();
            List<String> ids = ids(dataset(group, "axis0", where), where + "axis0");
            Object stampsRaw = dataset(group, "axis1", where).getData();
            if (!(stampsRaw instanceof long[] ns)) {
                throw new IllegalArgumentException(where + "axis1 holds " + stampsRaw.getClass().getSimpleName()
                        + ", expected int64 nanoseconds (a pandas DatetimeIndex)");
            }
            if (group.getChild("block1_values") != null) {
                throw new IllegalArgumentException(where + " has several value blocks (mixed dtypes),"
                        + " expected one block0_values with every column");
            }
            Node items = group.getChild("block0_items");
            if (items instanceof Dataset d
                    && !ids(checkFilters(d, where + "block0_items"), where + "block0_items").equals(ids)) {
                throw new IllegalArgumentException(where + "block0_items differs from axis0,"
                        + " expected the columns in axis0 order");
            }
            Dataset block = dataset(group, "block0_values", where);
            int[] dims = block.getDimensions();
            if (dims.length != 2 || dims[0] != ns.length || dims[1] != ids.size()) {
                throw new IllegalArgumentException(where + "block0_values has shape " + Arrays.toString(dims)
                        + ", expected [T, N] = [" + ns.length + ", " + ids.size() + "]");
            }
            float[] raw = flatFloats(block.getDataFlat(), where + "block0_values");
            List<LocalDateTime> stamps = new ArrayList<>(ns.length);
            for (long t : ns) {
                stamps.add(LocalDateTime.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L),
                        (int) Math.floorMod(t, 1_000_000_000L), ZoneOffset.UTC));
            }
            TimeGrid grid = TimeGrid.infer(stamps, zone,
                    (k, msg) -> new IllegalArgumentException(where + "axis1[" + k + "]: " + msg));
            int n = ids.size();
            float[] values = new float[grid.index().length() * n];
            Arrays.fill(values, Float.NaN);
            int[] pos = grid.positions();
            for (int k = 0; k < ns.length; k++) {
                for (int i = 0; i < n; i++) {
                    float v = raw[k * n + i];
                    if (Float.isInfinite(v)) {
                        throw new IllegalArgumentException(where + "block0_values[" + k + ", " + i + "] is "
                                + v + ", expected a finite value or NaN for missing");
                    }
                    values[pos[k] * n + i] = zerosAreMissing && v == 0f ? Float.NaN : v;
                }
            }
            if (!grid.gaps().isEmpty()) {
                LOG.warn("{}: filled {} missing time steps in {} gap(s), first at {}", where,
                        grid.missingSteps(), grid.gaps().size(), grid.gaps().get(0).first());
            }
            SpatioTemporalSeries series = SpatioTemporalSeries.builder().setTimeIndex(grid.index())
                    .setNodeIds(ids).setValues(values, 1).build();
            return new SeriesReadResult(series, grid.gaps());
        } catch (HdfException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (msg.contains("blosc") || msg.contains(Integer.toString(BLOSC_FILTER_ID))) {
                throw blosc(file.toString(), e);
            }
            throw new IllegalArgumentException("cannot read HDF5 file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Group group(HdfFile hdf, Path file, String key) {
        List<String> keys = new ArrayList<>(hdf.getChildren().keySet());
        String chosen = key;
        if (chosen == null) {
            if (hdf.getChild("df") instanceof Group) {
                chosen = "df";
            } else if (hdf.getChild("speed") instanceof Group) {
                chosen = "speed";
            } else if (keys.size() == 1) {
                chosen = keys.get(0);
            } else {
                throw new IllegalArgumentException(file + " has top-level keys " + keys
                        + ", expected 'df', 'speed' or a single group; pass the key explicitly");
            }
        }
        Node node = hdf.getChild(chosen);
        if (!(node instanceof Group g)) {
            throw new IllegalArgumentException(file + " has no group '" + chosen + "', its top-level keys are " + keys);
        }
        return g;
    }

    private static Dataset dataset(Group group, String name, String where) {
        Node node = group.getChild(name);
        if (!(node instanceof Dataset d)) {
            throw new IllegalArgumentException(where + " has no dataset '" + name
                    + "', expected the pandas fixed layout (axis0, axis1, block0_values)");
        }
        return checkFilters(d, where + name);
    }

    /**
     * Rejects a dataset whose filter pipeline holds blosc, before jhdf tries to decode it.
     *
     * @param d a dataset
     * @param where the file and dataset path, for the message
     * @return {@code d}
     * @throws IllegalArgumentException naming the dataset if it is blosc-compressed
     */
    private static Dataset checkFilters(Dataset d, String where) {
        if (filterIds(d).contains(BLOSC_FILTER_ID)) {
            throw blosc(where, null);
        }
        return d;
    }

    /**
     * The filter ids of a dataset's pipeline, read from its object header: {@link
     * Dataset#getFilters()} cannot be used, it fails for a filter jhdf does not know.
     *
     * @param d a dataset
     * @return its filter ids in pipeline order, empty without a pipeline (or for a dataset
     *     implementation that exposes no header, which then relies on jhdf's read error)
     */
    static List<Integer> filterIds(Dataset d) {
        List<Integer> ids = new ArrayList<>();
        if (d instanceof AbstractNode node) {
            for (FilterPipelineMessage m : node.getHeader().getMessagesOfType(FilterPipelineMessage.class)) {
                m.getFilters().forEach(f -> ids.add(f.getId()));
            }
        }
        return ids;
    }

    private static IllegalArgumentException blosc(String where, Exception cause) {
        return new IllegalArgumentException(where + " is compressed with blosc (HDF5 filter "
                + BLOSC_FILTER_ID + "), which the pure-Java HDF5 reader cannot decompress; re-save it"
                + " with pandas: df.to_hdf(path, key='df', complib='zlib', complevel=5)", cause);
    }

    private static List<String> ids(Dataset d, String where) {
        Object data = d.getDataFlat();
        if (!data.getClass().isArray()) {
            throw new IllegalArgumentException(where + " is a scalar, expected an array of node ids");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(data); i++) {
            out.add(String.valueOf(Array.get(data, i)).trim());
        }
        return out;
    }

    private static float[] flatFloats(Object data, String where) {
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
            return out;
        }
        throw new IllegalArgumentException(where + " holds " + data.getClass().getSimpleName()
                + ", expected float64 or float32 values");
    }
}
