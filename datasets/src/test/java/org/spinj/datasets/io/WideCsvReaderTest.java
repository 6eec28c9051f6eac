package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;

class WideCsvReaderTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private SeriesReadResult read(String text) throws IOException {
        return WideCsvReader.builder().build().read(write("data.csv", text));
    }

    @Test
    void readsValuesMissingMarkersAndNodeCoordinatesInAnyColumnOrder() throws IOException {
        Path data = write("data.csv", "datetime,a,\"b\"\n"
                + "2014/05/01 01:00:00,1.5,\n"
                + "2014/05/01 02:00:00,NaN,-2e1\n"
                + "2014/05/01 03:00:00,NA,3\n");
        Path nodes = write("nodes.csv", "Longitude,name,station,latitude\n116.2,\"x, y\",b,40\n116.1,z,a,39\n");
        SpatioTemporalSeries s = WideCsvReader.builder().optNodes(nodes).build().read(data).series();
        assertThat(s.numSteps()).isEqualTo(3);
        assertThat(s.nodeIds()).containsExactly("a", "b");
        assertThat(s.value(0, 0, 0)).isEqualTo(1.5f);
        assertThat(s.isObserved(0, 1, 0)).isFalse();
        assertThat(s.isObserved(1, 0, 0)).isFalse();
        assertThat(s.value(1, 1, 0)).isEqualTo(-20f);
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.hasCoordinates()).isTrue();
    }

    @Test
    void nodesFileNeedsLatitudeAndMatchesIdsByName() throws IOException {
        Path data = write("data.csv", "t,a,b\n2013-03-01 00:00:00,1,2\n2013-03-01 00:05:00,3,4\n");
        Path nodes = write("nodes.csv", "lng,sensor_id,LAT\n-118.2,b,34.2\n-118.1,a,34.1\n");
        SpatioTemporalSeries s = WideCsvReader.builder().optNodes(nodes).build().read(data).series();
        assertThat(s.latitudes()).containsExactly(34.1, 34.2);
        assertThat(s.longitudes()).containsExactly(-118.1, -118.2);
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofMinutes(5));
        Path noLat = write("bad.csv", "id,lon\na,1\n");
        assertThatThrownBy(() -> WideCsvReader.builder().optNodes(noLat).build().read(data))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("no latitude column");
    }

    @Test
    void unmatchedNodeColumnsAreNamed() throws IOException {
        Path data = write("data.csv", "t,a,b,c\n2013-03-01,1,2,3\n2013-03-02,1,2,3\n");
        Path nodes = write("nodes.csv", "id,lat,lon\na,1,2\n");
        assertThatThrownBy(() -> WideCsvReader.builder().optNodes(nodes).build().read(data))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("[b, c]");
    }

    @Test
    void fillsGapsAsMissingRowsAndReportsThem() throws IOException {
        SeriesReadResult r = read("date,a\n1961-01-01,1\n1961-01-02,2\n1961-01-05,5\n");
        SpatioTemporalSeries s = r.series();
        assertThat(s.numSteps()).isEqualTo(5);
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofDays(1));
        assertThat(s.isObserved(2, 0, 0)).isFalse();
        assertThat(s.value(4, 0, 0)).isEqualTo(5f);
        assertThat(r.gaps()).containsExactly(new TimeGap(LocalDateTime.of(1961, 1, 3, 0, 0), 2));
    }

    @Test
    void monthlyAndYearlyTimestampsFormACalendarAxisWithGaps() throws IOException {
        SeriesReadResult r = read("date,a\n1895-01-01,1\n1895-02-01,2\n1895-03-01,3\n"
                + "1895-06-01,6\n1896-02-01,14\n");
        SpatioTemporalSeries s = r.series();
        assertThat(s.timeIndex().isCalendar()).isTrue();
        assertThat(s.timeIndex().frequency()).isEqualTo("P1M");
        assertThat(s.numSteps()).isEqualTo(14);
        assertThat(s.timeIndex().at(13)).isEqualTo(LocalDateTime.of(1896, 2, 1, 0, 0));
        assertThat(s.timeIndex().at(3)).isEqualTo(LocalDateTime.of(1895, 4, 1, 0, 0));
        assertThat(s.value(5, 0, 0)).isEqualTo(6f);
        assertThat(s.isObserved(3, 0, 0)).isFalse();
        assertThat(r.gaps()).hasSize(2);
        assertThat(r.gaps().get(0).first()).isEqualTo(LocalDateTime.of(1895, 4, 1, 0, 0));
        assertThat(r.gaps().get(0).steps()).isEqualTo(2);
        assertThat(s.timeIndex().slice(2, 5).at(1)).isEqualTo(LocalDateTime.of(1895, 4, 1, 0, 0));

        SpatioTemporalSeries yearly = read("year,a\n2000-07-15,1\n2001-07-15,2\n2003-07-15,4\n").series();
        assertThat(yearly.timeIndex().frequency()).isEqualTo("P1Y");
        assertThat(yearly.numSteps()).isEqualTo(4);

        assertThatThrownBy(() -> read("t,a\n2000-01-01,1\n2000-03-01,1\n2000-06-01,2\n"))
                .hasMessageContaining("data.csv:4")
                .hasMessageContaining("3 month(s) after the previous one")
                .hasMessageContaining("2 month(s)");
    }

    @Test
    void daysThatDriftThroughTheMonthStayAFixedPeriod() throws IOException {
        // every 28 days: the day of the month changes, so this is a 4-week axis, not a monthly one
        SpatioTemporalSeries s = read("t,a\n2021-01-01,1\n2021-01-29,2\n2021-02-26,3\n").series();
        assertThat(s.timeIndex().isCalendar()).isFalse();
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofDays(28));
    }

    @Test
    void acceptsIsoTimestamps() throws IOException {
        SpatioTemporalSeries s = read("t,a\n2013-03-01T00:00,1\n2013-03-01T00:15,2\n").series();
        assertThat(s.timeIndex().start()).isEqualTo(LocalDateTime.of(2013, 3, 1, 0, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void raggedRowNamesLineAndColumn() {
        assertThatThrownBy(() -> read("t,a,b\n2013-03-01,1,2\n2013-03-02,1\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("data.csv:3:3")
                .hasMessageContaining("expected 3");
    }

    @Test
    void nonNumericCellNamesLineAndColumn() {
        assertThatThrownBy(() -> read("t,a,b\n2013-03-01,1,2\n2013-03-02,1,abc\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("data.csv:3:3")
                .hasMessageContaining("'abc'");
    }

    @Test
    void infinityIsRejected() {
        assertThatThrownBy(() -> read("t,a\n2013-03-01,inf\n2013-03-02,1\n"))
                .hasMessageContaining("data.csv:2:2");
        assertThatThrownBy(() -> read("t,a\n2013-03-01,1e999\n2013-03-02,1\n"))
                .hasMessageContaining("out of float range");
    }

    @Test
    void valuesBeyondFloatRangeSaySo() {
        for (String big : new String[] {"1e308", "1e39", "-4e38"}) {
            assertThatThrownBy(() -> read("t,a\n2013-03-01," + big + "\n2013-03-02,1\n"))
                    .hasMessageContaining("data.csv:2:2: value " + big + " is out of float range")
                    .hasMessageNotContaining("Infinity");
        }
    }

    @Test
    void aMissingCoordinateOrWeightIsNotCalledAMissingMarker() throws IOException {
        Path data = write("data.csv", "t,a,b\n2013-03-01,1,2\n2013-03-02,3,4\n");
        Path nodes = write("nodes.csv", "id,lat,lon\na,NaN,2\nb,1,2\n");
        assertThatThrownBy(() -> WideCsvReader.builder().optNodes(nodes).build().read(data))
                .hasMessageContaining("nodes.csv:2:2: missing value 'NaN', expected a finite"
                        + " decimal number in [-90, 90] (this cell cannot be missing)")
                .hasMessageNotContaining("missing marker");
        Path adjacency = write("adj.csv", "0,NaN\n1,0\n");
        assertThatThrownBy(() -> DenseAdjacency.read(adjacency, 2))
                .hasMessageContaining("adj.csv:1:2: missing value 'NaN', expected a finite decimal"
                        + " number >= 0 (this cell cannot be missing)");
        Path bad = write("bad-adj.csv", "0,x\n1,0\n");
        assertThatThrownBy(() -> DenseAdjacency.read(bad, 2))
                .hasMessageContaining("bad-adj.csv:1:2: cannot parse 'x' as a number, expected a"
                        + " finite decimal number >= 0")
                .hasMessageNotContaining("missing");
    }

    @Test
    void aNodesFileWithAnIdAndANameColumnTakesTheColumnMatchingTheData() throws IOException {
        Path data = write("data.csv", "t,S1,S2\n2013-03-01,1,2\n2013-03-02,3,4\n");
        Path nodes = write("nodes.csv",
                "code,station,latitude,longitude\nS2,Beta,40,116\nS1,Alpha,39,115\n");
        SpatioTemporalSeries s = WideCsvReader.builder().optNodes(nodes).build().read(data).series();
        assertThat(s.latitudes()).containsExactly(39.0, 40.0);
        // the names, when the data's header uses them
        Path named = write("named.csv", "t,Alpha,Beta\n2013-03-01,1,2\n2013-03-02,3,4\n");
        assertThat(WideCsvReader.builder().optNodes(nodes).build().read(named).series()
                .longitudes()).containsExactly(115.0, 116.0);
        // both columns hold the data's ids: the column must be named
        Path twice = write("twice.csv",
                "code,station,latitude,longitude\nS1,S1,39,115\nS2,S2,40,116\n");
        assertThatThrownBy(() -> WideCsvReader.builder().optNodes(twice).build().read(data))
                .hasMessageContaining("header names 2 node id columns ('code', 'station') and more"
                        + " than one of them holds every node id of the data")
                .hasMessageContaining("--node-id-column");
        assertThat(WideCsvReader.builder().optNodes(twice).optNodeIdColumn("STATION").build()
                .read(data).series().latitudes()).containsExactly(39.0, 40.0);
        assertThatThrownBy(() -> WideCsvReader.builder().optNodes(twice).optNodeIdColumn("name")
                .build().read(data))
                .hasMessageContaining("no column named 'name' for the node ids");
    }

    @Test
    void duplicateAndUnsortedTimestampsAreRejected() {
        assertThatThrownBy(() -> read("t,a\n2013-03-01,1\n2013-03-01,2\n"))
                .hasMessageContaining("data.csv:3:1")
                .hasMessageContaining("duplicate timestamp");
        assertThatThrownBy(() -> read("t,a\n2013-03-02,1\n2013-03-03,1\n2013-03-01,2\n"))
                .hasMessageContaining("data.csv:4:1")
                .hasMessageContaining("sorted");
    }

    @Test
    void anIrregularRowIsBlamedOnItsOwnLineAgainstTheCommonStep() {
        StringBuilder text = new StringBuilder("t,a\n");
        for (int h = 0; h < 9; h++) {
            // line 7 (the sixth row) is at 04:43 instead of 05:00
            text.append(h == 5 ? "2013-03-01 04:43" : String.format("2013-03-01 %02d:00", h))
                    .append(",1\n");
        }
        assertThatThrownBy(() -> read(text.toString()))
                .hasMessageContaining("data.csv:7:1: timestamp 2013-03-01T04:43 is PT43M after the"
                        + " previous one, expected a multiple of PT1H, the most common step")
                .hasMessageNotContaining("multiple of PT43M");
    }

    @Test
    void irregularAndUnparsableTimestampsAreRejected() {
        assertThatThrownBy(() -> read("t,a\n2013-03-01 00:00,1\n2013-03-01 00:10,1\n2013-03-01 00:25,2\n"))
                .hasMessageContaining("irregular");
        assertThatThrownBy(() -> read("t,a\nyesterday,1\n2013-03-01,1\n"))
                .hasMessageContaining("data.csv:2:1")
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRejected() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("t,a\n")).hasMessageContaining("0 data row");
        assertThatThrownBy(() -> read("t,a,a\n2013-03-01,1,1\n2013-03-02,1,1\n"))
                .hasMessageContaining("'a' already names column 2");
    }

    @Test
    void unterminatedQuoteIsRejected() {
        assertThatThrownBy(() -> read("t,\"a\n2013-03-01,1\n"))
                .hasMessageContaining("data.csv:1:2")
                .hasMessageContaining("unterminated");
    }
    @Test
    void aGapLongerThanTheRestOfTheSeriesIsRefusedNamingBothLines() throws IOException {
        // an hourly file whose last row has the wrong year: filling would add 8760 rows
        StringBuilder text = new StringBuilder("datetime,a,b\n");
        for (int h = 0; h < 24; h++) {
            text.append(String.format("2014/05/01 %02d:00:00,%d,%d", h, h, h + 1)).append('\n');
        }
        text.append("2015/05/02 00:00:00,1,2\n");
        assertThatThrownBy(() -> read(text.toString()))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("data.csv:26:1: timestamp 2015-05-02T00:00 comes 8761 steps"
                        + " of PT1H after 2014-05-01T23:00 on line 25")
                .hasMessageContaining("8760 missing rows, more than the 25 steps of the rest")
                .hasMessageContaining("check the timestamps on lines 25 and 26");
        // a gap as long as the rest is still filled
        SeriesReadResult r = read("t,a\n2020-01-01,1\n2020-01-02,2\n2020-01-05,3\n2020-01-06,4\n");
        assertThat(r.series().numSteps()).isEqualTo(6);
        assertThat(r.gaps()).containsExactly(new TimeGap(LocalDateTime.of(2020, 1, 3, 0, 0), 2));
    }

    @Test
    void longCellsAreCutInMessages() {
        // a long digit run is rejected in linear time, then quoted in part
        String cell = "1".repeat(1_000_000) + "x";
        assertThatThrownBy(() -> read("t,a\n2013-03-01," + cell + "\n2013-03-02,1\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("data.csv:2:2: cannot parse '1111")
                .hasMessageContaining("… (1000001 characters)' as a number")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        String stamp = "9".repeat(100_000);
        assertThatThrownBy(() -> read("t,a\n" + stamp + ",1\n2013-03-02,1\n"))
                .hasMessageContaining("cannot parse timestamp '9999")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }
}
