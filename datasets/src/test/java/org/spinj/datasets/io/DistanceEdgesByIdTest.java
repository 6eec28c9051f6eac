package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SharedData;
import org.spinj.graph.Connectivity;
import org.spinj.graph.EdgeIndex;

/** {@link DistanceEdges#readByIds} and {@link DistanceEdges#toDistanceMatrix()}. */
class DistanceEdgesByIdTest {

    private static final List<String> IDS = List.of("a", "b", "c");

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void headerColumnsAreFoundByNameInAnyOrder() throws IOException {
        DistanceEdges e = DistanceEdges.readByIds(
                write("d.csv", "Distance,note,TO,source\n2.5,x,b,a\n1,y,a,c\n"), IDS);
        assertThat(e.numNodes()).isEqualTo(3);
        assertThat(e.from()).containsExactly(0, 2);
        assertThat(e.to()).containsExactly(1, 0);
        assertThat(e.distance()).containsExactly(2.5f, 1f);
    }

    @Test
    void aFileWithoutHeaderIsReadAsFromToCost() throws IOException {
        DistanceEdges e = DistanceEdges.readByIds(write("d.csv", "a,b,0.5\nb,c,7\n"), IDS);
        assertThat(e.from()).containsExactly(0, 1);
        assertThat(e.to()).containsExactly(1, 2);
        assertThat(e.distance()).containsExactly(0.5f, 7f);
    }

    @Test
    void unmatchedIdsAreAllListedWithTheFirstLineAndColumn() throws IOException {
        Path p = write("d.csv", "from,to,cost\na,b,1\nb,x,2\ny,x,3\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(p, IDS))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(p + ":3:2: 2 id(s) match no node of the data: [x, y]")
                .hasMessageContaining("the data's node ids are [a, b, c]");
    }

    @Test
    void badRowsAndHeadersAreNamed() throws IOException {
        Path twice = write("t.csv", "from,to,cost\na,b,1\nc,a,2\na,b,3\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(twice, IDS))
                .hasMessageStartingWith(twice + ":4:1: the pair a -> b already has a distance on line 2");
        Path negative = write("n.csv", "from,to,cost\na,b,-1\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(negative, IDS))
                .hasMessageStartingWith(negative + ":2:3: value -1 is out of range");
        Path ragged = write("r.csv", "from,to,cost\na,b\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(ragged, IDS))
                .hasMessageStartingWith(ragged + ":2:3: row has 2 fields, expected 3");
        Path noCost = write("h.csv", "from,to,weight\na,b,1\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(noCost, IDS))
                .hasMessageStartingWith(noCost + ":1: no distance column in header [from, to, weight]");
        Path twoFrom = write("f.csv", "from,src,to,cost\na,a,b,1\n");
        assertThatThrownBy(() -> DistanceEdges.readByIds(twoFrom, IDS))
                .hasMessageContaining(":1:2: header names two source columns ('from' and 'src')");
    }

    @Test
    void theMatrixFeedsTheGaussianKernelWithInfinityForAbsentPairs() throws IOException {
        DistanceEdges e = DistanceEdges.readByIds(write("d.csv", "a,b,1\nb,c,1\na,c,3\n"), IDS);
        double[][] m = e.toDistanceMatrix();
        assertThat(m[0][1]).isEqualTo(1.0);
        assertThat(m[1][0]).isInfinite();
        assertThat(m[0][0]).isInfinite();
        // theta = std{1, 1, 3} = sqrt(8/9) = 0.9428; w(1) = exp(-1.125) = 0.325 kept,
        // w(3) = exp(-10.125) = 4e-5 < 0.1 dropped; symmetrised: a<->b, b<->c
        assertThat(Connectivity.finiteStd(m)).isCloseTo(Math.sqrt(8.0 / 9), within(1e-12));
        EdgeIndex g = Connectivity.builder().optSymmetric(true).build().fromDistances(m);
        assertThat(g.numEdges()).isEqualTo(4);
        assertThat(g.sources()).containsExactly(1, 0, 2, 1);
        assertThat(g.targets()).containsExactly(0, 1, 1, 2);
        assertThat(g.weight(0)).isCloseTo((float) Math.exp(-1.125), within(1e-6f));
    }

    @Test
    void pemsBayRawDistancesWithoutHeaderMatchTheSensorIds() {
        Path bay = SharedData.require("pems_bay");
        List<String> ids = List.of(CsvRecords.read(bay.resolve("graph_sensor_ids_bay.txt")).record(0));
        assertThat(ids).hasSize(325);
        DistanceEdges e = DistanceEdges.readByIds(bay.resolve("distances_bay_2017.csv"), ids);
        assertThat(e.from()).hasSize(8358);
    }
}
