package org.spinj.datasets.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TimeIndex;

/**
 * Reads a series from NumPy {@code .npz} / {@code .npy} files through DJL's {@code
 * NDList.decode}, e.g. ASTGCN's {@code pems04.npz} ({@code data}: {@code [T, N, C]}): values
 * {@code [T, N]} or {@code [T, N, C]}, optionally a mask array of the same shape (non-zero =
 * observed). NaN values are missing. NumPy files carry no time index here, so the start time and
 * frequency are arguments, and node ids are {@code "0".."N-1"}.
 *
 * <p>DJL rejects Fortran-ordered arrays, datetime64 and object arrays; re-save with {@code
 * np.ascontiguousarray} and int64 timestamps.
 */
public final class NpzSeriesReader {

    private NpzSeriesReader() {}

    /**
     * @param file a {@code .npz} or {@code .npy} file
     * @param valuesKey the values array's name in an {@code .npz} ({@code data} for ASTGCN); for a
     *     {@code .npy} the single array is used
     * @param maskKey the mask array's name, or null when NaN marks the missing values
     * @param start local time of step 0
     * @param step the sampling period
     * @param zone the time zone
     * @param manager a manager for the temporary arrays (closed before returning)
     * @return the series
     * @throws IllegalArgumentException naming the file and array on a missing array or a bad
     *     shape
     */
    public static SpatioTemporalSeries read(Path file, String valuesKey, String maskKey,
            LocalDateTime start, Duration step, ZoneId zone, NDManager manager) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(manager, "manager");
        try (NDManager scope = manager.newSubManager();
                InputStream in = Files.newInputStream(file)) {
            NDList list;
            try {
                list = NDList.decode(scope, in);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new IllegalArgumentException("cannot decode " + file + " as NumPy: " + e.getMessage()
                        + " (DJL reads C-ordered numeric and boolean arrays only)", e);
            }
            NDArray values = pick(list, valuesKey, file);
            Shape shape = values.getShape();
            if (shape.dimension() != 2 && shape.dimension() != 3) {
                throw new IllegalArgumentException(file + ": array '" + values.getName() + "' has shape "
                        + shape + ", expected [T, N] or [T, N, C]");
            }
            int t = (int) shape.get(0);
            int n = (int) shape.get(1);
            int c = shape.dimension() == 3 ? (int) shape.get(2) : 1;
            float[] v = values.toType(DataType.FLOAT32, false).toFloatArray();
            boolean[] observed = new boolean[v.length];
            if (maskKey != null) {
                NDArray mask = pick(list, maskKey, file);
                if (mask.size() != v.length) {
                    throw new IllegalArgumentException(file + ": mask '" + maskKey + "' has shape "
                            + mask.getShape() + ", expected the values' shape " + shape);
                }
                float[] m = mask.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    observed[i] = m[i] != 0 && !Float.isNaN(v[i]);
                }
            } else {
                for (int i = 0; i < v.length; i++) {
                    observed[i] = !Float.isNaN(v[i]);
                }
            }
            for (int i = 0; i < v.length; i++) {
                if (observed[i] && Float.isInfinite(v[i])) {
                    throw new IllegalArgumentException(file + ": entry " + i + " of '" + values.getName()
                            + "' is " + v[i] + ", expected a finite value or NaN for missing");
                }
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(Integer.toString(i));
            }
            return SpatioTemporalSeries.builder().setTimeIndex(new TimeIndex(start, step, t, zone))
                    .setNodeIds(ids).setValues(v, c).optObserved(observed).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static NDArray pick(NDList list, String key, Path file) {
        if (list.size() == 1 && (key == null || list.get(0).getName() == null)) {
            return list.get(0);
        }
        NDArray a = key == null ? null : list.get(key);
        if (a == null) {
            List<String> names = new ArrayList<>();
            list.forEach(x -> names.add(x.getName()));
            throw new IllegalArgumentException(file + " has no array '" + key + "', it holds " + names);
        }
        return a;
    }
}
