package org.spinj.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version of spinj and of the DJL it was built with, read from the build's resources. */
public final class SpinjVersion implements IVersionProvider {

    private static final Properties PROPS = load();

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SpinjVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spinj's version.properties", e);
        }
        return p;
    }

    /** @return the spinj version, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String version() {
        return PROPS.getProperty("version", "unknown");
    }

    /** @return the DJL version spinj was built against */
    public static String djlVersion() {
        return PROPS.getProperty("djl", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"spinj " + version() + " (DJL " + djlVersion() + ", PyTorch engine)"};
    }
}
