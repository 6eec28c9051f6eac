package org.spinj.visualize.plot;

import java.util.Objects;

/**
 * The positions of {@code N} nodes on a map, in degrees.
 *
 * @param latitude {@code [N]} latitudes, finite; copied
 * @param longitude {@code [N]} longitudes, finite; copied
 */
public record NodeCoordinates(double[] latitude, double[] longitude) {

    /** Validates the arrays and copies them. */
    public NodeCoordinates {
        Objects.requireNonNull(latitude, "latitude");
        Objects.requireNonNull(longitude, "longitude");
        if (latitude.length != longitude.length || latitude.length == 0) {
            throw new IllegalArgumentException(
                    "expected one latitude and one longitude per node (at least one node), got "
                            + latitude.length + " latitudes and " + longitude.length
                            + " longitudes");
        }
        for (int i = 0; i < latitude.length; i++) {
            if (!Double.isFinite(latitude[i]) || !Double.isFinite(longitude[i])) {
                throw new IllegalArgumentException(
                        "node " + i + " is at (" + latitude[i] + ", " + longitude[i]
                                + "), expected finite coordinates");
            }
        }
        latitude = latitude.clone();
        longitude = longitude.clone();
    }

    /** @return the number of nodes {@code N} */
    public int numNodes() {
        return latitude.length;
    }

    /** @return a copy of the latitudes */
    @Override
    public double[] latitude() {
        return latitude.clone();
    }

    /** @return a copy of the longitudes */
    @Override
    public double[] longitude() {
        return longitude.clone();
    }

    void requireNodes(int n, String what) {
        if (n != numNodes()) {
            throw new IllegalArgumentException(
                    what + " covers " + n + " nodes but the coordinates cover " + numNodes());
        }
    }
}
