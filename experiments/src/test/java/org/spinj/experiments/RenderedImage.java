package org.spinj.experiments;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Checks on rendered images: a blank or single-colour image has almost no distinct colours. */
final class RenderedImage {

    private RenderedImage() {}

    /**
     * @param image an image
     * @return the number of distinct RGB colours in its central half (where the plot area lies)
     */
    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = image.getHeight() / 4; y < 3 * image.getHeight() / 4; y++) {
            for (int x = image.getWidth() / 4; x < 3 * image.getWidth() / 4; x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }
}
