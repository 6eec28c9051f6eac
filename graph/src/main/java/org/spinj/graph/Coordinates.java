package org.spinj.graph;

import java.util.List;
import java.util.Objects;

/**
 * Geographic positions of the {@code N} nodes (WGS84 degrees), in node order, and their pairwise
 * great-circle distances.
 *
 * @param ids the node identifiers, {@code [N]}; copied
 * @param latitudes latitude of each node in degrees, {@code [N]}, within {@code [-90, 90]}; copied
 * @param longitudes longitude of each node in degrees, {@code [N]}, within {@code [-180, 180]};
 *     copied
 */
public record Coordinates(List<String> ids, double[] latitudes, double[] longitudes) {

    /**
     * Mean Earth radius in kilometres (IUGG), the value tsl's {@code geographical_distance} uses
     * through scikit-learn's haversine metric scaled by 6371.0088.
     */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    /** Validates and copies the fields. */
    public Coordinates {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(latitudes, "latitudes");
        Objects.requireNonNull(longitudes, "longitudes");
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("expected at least one node, got 0");
        }
        if (latitudes.length != ids.size() || longitudes.length != ids.size()) {
            throw new IllegalArgumentException(
                    "expected one latitude and longitude per id ("
                            + ids.size()
                            + "), got "
                            + latitudes.length
                            + " latitudes and "
                            + longitudes.length
                            + " longitudes");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!(Math.abs(latitudes[i]) <= 90)) {
                throw new IllegalArgumentException(
                        "node " + i + " has latitude " + latitudes[i] + ", expected -90..90");
            }
            if (!(Math.abs(longitudes[i]) <= 180)) {
                throw new IllegalArgumentException(
                        "node " + i + " has longitude " + longitudes[i] + ", expected -180..180");
            }
        }
        ids = List.copyOf(ids);
        latitudes = latitudes.clone();
        longitudes = longitudes.clone();
    }

    /** @return the number of nodes {@code N} */
    public int numNodes() {
        return ids.size();
    }

    @Override
    public double[] latitudes() {
        return latitudes.clone();
    }

    @Override
    public double[] longitudes() {
        return longitudes.clone();
    }

    /**
     * Great-circle distance by the haversine formula, \( d = 2R \arcsin\sqrt{\sin^2(\Delta\phi/2)
     * + \cos\phi_1\cos\phi_2\sin^2(\Delta\lambda/2)} \).
     *
     * @param lat1 latitude of the first point, degrees
     * @param lon1 longitude of the first point, degrees
     * @param lat2 latitude of the second point, degrees
     * @param lon2 longitude of the second point, degrees
     * @return the distance in kilometres
     */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2)
                        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }

    /**
     * Returns the symmetric matrix of haversine distances, zero on the diagonal.
     *
     * @return {@code [N, N]} distances in kilometres
     */
    public double[][] distanceMatrixKm() {
        int n = numNodes();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = haversineKm(latitudes[i], longitudes[i], latitudes[j], longitudes[j]);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }
}
