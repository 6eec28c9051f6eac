package org.spinj.visualize.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** A PNG read back from disk, for checks on its size and content. */
final class RenderedPng {

    private final BufferedImage image;

    private RenderedPng(BufferedImage image) {
        this.image = image;
    }

    static RenderedPng read(Path path) {
        try {
            BufferedImage img = ImageIO.read(path.toFile());
            if (img == null) {
                throw new IllegalStateException(path + " is not a readable image");
            }
            return new RenderedPng(img);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** Distinct RGB colours in the central half of the image (where the plot area lies). */
    int distinctColoursInCentre() {
        Set<Integer> colours = new HashSet<>();
        for (int y = image.getHeight() / 4; y < 3 * image.getHeight() / 4; y++) {
            for (int x = image.getWidth() / 4; x < 3 * image.getWidth() / 4; x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }
}
