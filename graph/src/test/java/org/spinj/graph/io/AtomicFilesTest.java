package org.spinj.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writtenFilesAreReadableByOthersLikeAnyOutput(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/config.json");
        AtomicFiles.writeString(f, "{}");
        assertThat(f).hasContent("{}");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(f))
                    .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("metrics.csv");
        AtomicFiles.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("No space left on device");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(f.toString())
                .hasMessageEndingWith(": No space left on device");
        assertThat(f).hasContent("old");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(f);
        }
    }

    @Test
    void orphanedTemporaryFilesAreRemovedAndNothingElse(@TempDir Path dir) throws IOException {
        Path kept = dir.resolve("last.ckpt");
        AtomicFiles.writeString(kept, "done");
        Path orphan = Files.writeString(dir.resolve(".last.ckpt.8123499812734.tmp"), "half");
        Path other = Files.writeString(dir.resolve(".notes.tmp"), "user file");
        Path sub = Files.createDirectory(dir.resolve(".a.1.tmp"));
        assertThat(AtomicFiles.removeOrphans(dir)).isEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(kept).hasContent("done");
        assertThat(other).exists();
        assertThat(sub).isDirectory();
        assertThat(AtomicFiles.removeOrphans(dir.resolve("absent"))).isZero();
    }

    @Test
    void reasonsAreTheSystemsWords() {
        assertThat(AtomicFiles.reason(new java.nio.file.FileSystemException("/x", null,
                "Read-only file system"))).isEqualTo("Read-only file system");
        assertThat(AtomicFiles.reason(new java.nio.file.AccessDeniedException("/x")))
                .isEqualTo("Permission denied");
        assertThat(AtomicFiles.reason(new IOException("No space left on device")))
                .isEqualTo("No space left on device");
    }
}
