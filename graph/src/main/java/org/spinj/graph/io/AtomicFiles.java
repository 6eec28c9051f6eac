package org.spinj.graph.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a crash never leaves a half-written one behind: the content goes to a
 * temporary file in the same directory, is forced to the disk, and the file is then renamed over
 * the target in one atomic step, after which the directory entry is forced too. A temporary file
 * left by a crash before the rename ({@code .<name>.<digits>.tmp}) is removed by {@link
 * #removeOrphans}.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException on failure
         */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws UncheckedIOException naming the file, if anything fails (the target is then
     *     untouched)
     */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (java.io.FileOutputStream file = new java.io.FileOutputStream(tmp.toFile())) {
                // the writer may close its stream (a zip stream does): the file stays open to be
                // forced to the disk before the rename
                OutputStream out = new java.io.BufferedOutputStream(
                        new java.io.FilterOutputStream(file) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                file.write(b, off, len);
                            }

                            @Override
                            public void close() throws IOException {
                                flush();
                            }
                        }, 1 << 16);
                writer.write(out);
                out.flush();
                file.getFD().sync();
            }
            readableByAll(tmp);
            try {
                Files.move(
                        tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    /**
     * The cause of an I/O failure in the system's words ("No space left on device", "Read-only
     * file system", "Permission denied"), without the path the caller names anyway.
     *
     * @param e the failure
     * @return its reason
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Forces a directory's entries to the disk where the platform allows it (Linux does). */
    private static void forceDirectory(Path dir) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // directories cannot be opened on every platform; the rename is still atomic
        }
    }

    /**
     * Removes the temporary files a crash left in a directory before their rename: the ones this
     * class names {@code .<target name>.<digits>.tmp}.
     *
     * @param dir a directory; nothing happens if it does not exist
     * @return how many were removed
     * @throws UncheckedIOException naming the directory if it cannot be listed or a file removed
     */
    public static int removeOrphans(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (ORPHAN.matcher(name).matches() && Files.isRegularFile(p)) {
                    Files.delete(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot clean temporary files in " + dir + ": " + reason(e), e);
        }
        return removed;
    }

    private static final java.util.regex.Pattern ORPHAN =
            java.util.regex.Pattern.compile("\\..+\\.\\d+\\.tmp");

    /**
     * A temporary file is created owner-only (0600); the file it becomes is an ordinary output
     * (0644, as a plain write under the usual umask gives), so others can read run directories.
     */
    private static void readableByAll(Path tmp) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    /**
     * Writes lines atomically in UTF-8, each followed by a line break.
     *
     * @param target the file
     * @param lines its lines
     */
    public static void writeLines(Path target, java.util.List<String> lines) {
        write(target, out -> {
            for (String line : lines) {
                out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }

    /**
     * Writes a text file atomically in UTF-8.
     *
     * @param target the file
     * @param text its content
     */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
