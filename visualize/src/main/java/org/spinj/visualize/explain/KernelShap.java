package org.spinj.visualize.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Kernel SHAP (Lundberg and Lee 2017) for any model {@code f: [N][F] -> [N]} (or {@code [N][K]},
 * explaining its {@code K} outputs from the same coalition evaluations, see {@link
 * #multiOutput}), over {@code M} feature groups (contiguous runs of features; one feature per
 * group by default). A coalition's value is the mean output when the features outside it take
 * background values.
 *
 * <ul>
 *   <li>{@code 2^M <= samples}: every coalition is evaluated and the Shapley values are computed
 *       exactly, {@code phi_i = sum_S |S|!(M-|S|-1)!/M! (v(S + i) - v(S))}.
 *   <li>otherwise: coalitions are drawn from the Shapley kernel and the weighted least-squares
 *       fit is solved with the efficiency constraint eliminated, so {@code base + sum(phi) =
 *       f(x)} holds exactly in both modes.
 * </ul>
 *
 * The coalitions' rows go to the model in batches of at most {@value #MAX_BATCH_ROWS} rows.
 */
public final class KernelShap {

    /** The most rows handed to the model in one call. */
    static final int MAX_BATCH_ROWS = 4096;

    private final Function<float[][], double[][]> model;
    private final float[][] background;
    private final int groups;

    /**
     * @param model the model, one output per row
     * @param background {@code [N][F]} background rows, {@code N >= 1}
     * @param groups the number of feature groups {@code 1 <= M <= F}
     */
    public KernelShap(Function<float[][], double[]> model, float[][] background, int groups) {
        this(background, groups, single(Objects.requireNonNull(model, "model")));
    }

    private KernelShap(float[][] background, int groups, Function<float[][], double[][]> model) {
        this.model = Objects.requireNonNull(model, "model");
        if (background.length == 0 || groups < 1 || groups > background[0].length) {
            throw new IllegalArgumentException("need >= 1 background row and 1 <= groups <= F, got "
                    + background.length + " rows, groups=" + groups);
        }
        this.background = background.clone();
        this.groups = groups;
    }

    /**
     * Kernel SHAP of a model with several outputs per row (e.g. the class probabilities): {@link
     * #explainAll} explains every output from one evaluation of the coalitions.
     *
     * @param model {@code [N][F] -> [N][K]}, the same {@code K >= 1} for every row
     * @param background {@code [N][F]} background rows, {@code N >= 1}
     * @param groups the number of feature groups {@code 1 <= M <= F}
     * @return the explainer
     */
    public static KernelShap multiOutput(Function<float[][], double[][]> model, float[][] background, int groups) {
        return new KernelShap(background, groups, model);
    }

    private static Function<float[][], double[][]> single(Function<float[][], double[]> model) {
        return rows -> {
            double[] v = model.apply(rows);
            double[][] out = new double[v.length][];
            for (int i = 0; i < v.length; i++) {
                out[i] = new double[] {v[i]};
            }
            return out;
        };
    }

    /**
     * @param x {@code [F]} the input
     * @param samples the coalition budget (exact when {@code 2^M <= samples})
     * @param seed the seed of the sampled coalitions
     * @return one value per group of the (first) output, base value = its mean over the background
     */
    public Attribution explain(float[] x, int samples, long seed) {
        return explainAll(x, samples, seed).get(0);
    }

    /**
     * @param x {@code [F]} the input
     * @param samples the coalition budget (exact when {@code 2^M <= samples})
     * @param seed the seed of the sampled coalitions
     * @return {@code [K]} one explanation per model output, each additive
     */
    public List<Attribution> explainAll(float[] x, int samples, long seed) {
        int f = x.length;
        if (f != background[0].length) {
            throw new IllegalArgumentException("input has " + f + " features, background " + background[0].length);
        }
        int m = groups;
        double[] base = values(x, new boolean[][] {new boolean[m]})[0];
        double[] fx = model.apply(new float[][] {x})[0];
        int k = fx.length;
        if (base.length != k) {
            throw new IllegalArgumentException("the model gave " + base.length + " outputs for the background and "
                    + k + " for x, expected the same count");
        }
        double[] delta = new double[k];
        for (int o = 0; o < k; o++) {
            delta[o] = fx[o] - base[o];
        }
        double[][] phi = m <= 20 && (1L << m) <= samples ? exact(x, m, k) : sampled(x, m, k, samples, seed, base, delta);
        List<Attribution> out = new ArrayList<>(k);
        for (int o = 0; o < k; o++) {
            out.add(new Attribution(x, phi[o], base[o], fx[o]));
        }
        return out;
    }

    /** @return {@code [K][M]} exact Shapley values */
    private double[][] exact(float[] x, int m, int k) {
        int n = 1 << m;
        boolean[][] coalitions = new boolean[n][];
        for (int s = 0; s < n; s++) {
            coalitions[s] = mask(s, m);
        }
        double[][] v = values(x, coalitions);
        double[] fact = new double[m + 1];
        fact[0] = 1;
        for (int i = 1; i <= m; i++) {
            fact[i] = fact[i - 1] * i;
        }
        double[][] phi = new double[k][m];
        for (int i = 0; i < m; i++) {
            for (int s = 0; s < n; s++) {
                if ((s & (1 << i)) == 0) {
                    int size = Integer.bitCount(s);
                    double w = fact[size] * fact[m - size - 1] / fact[m];
                    for (int o = 0; o < k; o++) {
                        phi[o][i] += w * (v[s | (1 << i)][o] - v[s][o]);
                    }
                }
            }
        }
        return phi;
    }

    /** @return {@code [K][M]} sampled Kernel SHAP values, efficiency exact */
    private double[][] sampled(float[] x, int m, int k, int samples, long seed, double[] base, double[] delta) {
        Random rng = new Random(seed);
        double[] sizeWeight = new double[m];
        double total = 0;
        for (int s = 1; s < m; s++) {
            sizeWeight[s] = (m - 1.0) / (s * (double) (m - s));
            total += sizeWeight[s];
        }
        int free = m - 1;
        double[][] ata = new double[free][free];
        double[][] aty = new double[k][free];
        boolean[][] coalitions = new boolean[samples][];
        for (int n = 0; n < samples; n++) {
            double u = rng.nextDouble() * total;
            int size = 1;
            while (size < m - 1 && u > sizeWeight[size]) {
                u -= sizeWeight[size];
                size++;
            }
            boolean[] z = new boolean[m];
            int[] perm = permutation(m, rng);
            for (int i = 0; i < size; i++) {
                z[perm[i]] = true;
            }
            coalitions[n] = z;
        }
        double[][] v = values(x, coalitions);
        for (int n = 0; n < samples; n++) {
            boolean[] z = coalitions[n];
            double[] a = new double[free];
            for (int i = 0; i < free; i++) {
                a[i] = (z[i] ? 1 : 0) - (z[m - 1] ? 1 : 0);
            }
            for (int i = 0; i < free; i++) {
                for (int j = 0; j < free; j++) {
                    ata[i][j] += a[i] * a[j];
                }
            }
            for (int o = 0; o < k; o++) {
                // eliminate phi_{M-1} = delta - sum of the others (efficiency)
                double y = v[n][o] - base[o] - (z[m - 1] ? delta[o] : 0);
                for (int i = 0; i < free; i++) {
                    aty[o][i] += a[i] * y;
                }
            }
        }
        for (int i = 0; i < free; i++) {
            ata[i][i] += 1e-9;
        }
        double[][] phi = new double[k][m];
        for (int o = 0; o < k; o++) {
            double[] head = solve(ata, aty[o]);
            double sum = 0;
            for (int i = 0; i < free; i++) {
                phi[o][i] = head[i];
                sum += head[i];
            }
            phi[o][m - 1] = delta[o] - sum;
        }
        return phi;
    }

    /**
     * @return {@code [C][K]} each coalition's value: the mean output over the background with the
     *     coalition's features taken from x, the model called on whole coalitions in batches of at
     *     most {@value #MAX_BATCH_ROWS} rows
     */
    private double[][] values(float[] x, boolean[][] coalitions) {
        int nb = background.length;
        int perBatch = Math.max(1, MAX_BATCH_ROWS / nb);
        double[][] v = new double[coalitions.length][];
        for (int from = 0; from < coalitions.length; from += perBatch) {
            int to = Math.min(coalitions.length, from + perBatch);
            float[][] rows = new float[(to - from) * nb][];
            for (int c = from; c < to; c++) {
                for (int b = 0; b < nb; b++) {
                    float[] r = background[b].clone();
                    for (int i = 0; i < x.length; i++) {
                        if (coalitions[c][group(i, x.length)]) {
                            r[i] = x[i];
                        }
                    }
                    rows[(c - from) * nb + b] = r;
                }
            }
            double[][] out = model.apply(rows);
            if (out.length != rows.length) {
                throw new IllegalArgumentException("the model returned " + out.length + " rows for " + rows.length);
            }
            for (int c = from; c < to; c++) {
                double[] s = new double[out[(c - from) * nb].length];
                for (int b = 0; b < nb; b++) {
                    double[] y = out[(c - from) * nb + b];
                    for (int o = 0; o < s.length; o++) {
                        s[o] += y[o] / nb;
                    }
                }
                v[c] = s;
            }
        }
        return v;
    }

    /**
     * @param feature a feature index
     * @param features {@code F}
     * @return its group: {@code floor(feature * M / F)}
     */
    public int group(int feature, int features) {
        return (int) ((long) feature * groups / features);
    }

    private static boolean[] mask(int bits, int m) {
        boolean[] z = new boolean[m];
        for (int i = 0; i < m; i++) {
            z[i] = (bits & (1 << i)) != 0;
        }
        return z;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] y = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                p = Math.abs(m[r][c]) > Math.abs(m[p][c]) ? r : p;
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double ty = y[c];
            y[c] = y[p];
            y[p] = ty;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
                y[r] -= f * y[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = y[r];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
