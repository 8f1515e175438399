package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmTarballTest {
    private static final String NO_NPM = "npm-that-does-not-exist";

    @TempDir
    Path dir;

    /** A tarball laid out as npm pack writes one, with the given entries; returns its SHA-256. */
    private String tarball(String fileName, String... namesAndContents) throws Exception {
        Path file = dir.resolve(fileName);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i]);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void shouldBuildTheCacheOnceFromTheWantedEntriesAndThenReadOnlyTheCache() throws Exception {
        String sha = tarball("pkg-1.0.0.tgz", "package/data/a.txt", "alpha", "package/README.md", "skip me",
                "package/data/b.txt", "beta");
        NpmTarball pkg = new NpmTarball("pkg@1.0.0", "pkg-1.0.0.tgz", sha, "test data");
        AtomicInteger builds = new AtomicInteger();
        NpmTarball.Builder<String> build = tarball -> {
            builds.incrementAndGet();
            List<String> seen = new ArrayList<>();
            NpmTarball.readEntries(tarball, name -> name.startsWith("package/data/"),
                    (name, content) -> seen.add(name + "=" + new String(content, StandardCharsets.UTF_8)));
            return String.join(",", seen);
        };
        NpmTarball.Reader<String> reader = file -> Files.readString(file);
        NpmTarball.Writer<String> writer = (value, file) -> Files.writeString(file, value);

        assertEquals("package/data/a.txt=alpha,package/data/b.txt=beta", pkg.cached(dir, NO_NPM, "pkg.cache", reader, build, writer));
        Files.delete(dir.resolve("pkg-1.0.0.tgz"));
        assertEquals("package/data/a.txt=alpha,package/data/b.txt=beta", pkg.cached(dir, NO_NPM, "pkg.cache", reader, build, writer));
        assertEquals(1, builds.get());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void shouldRefuseATarballWithAnotherChecksum() throws Exception {
        tarball("pkg-1.0.0.tgz", "package/x", "tampered");
        NpmTarball pkg = new NpmTarball("pkg@1.0.0", "pkg-1.0.0.tgz", "00".repeat(32), "test data");
        IOException e = assertThrows(IOException.class, () -> pkg.fetch(dir, NO_NPM));
        assertTrue(e.getMessage().contains("is not pkg@1.0.0's " + "00".repeat(32) + "; delete it and fetch again"),
                e.getMessage());
    }

    @Test
    void shouldSayWhatToRunWhenNpmIsMissing() {
        NpmTarball pkg = new NpmTarball("pkg@1.0.0", "pkg-1.0.0.tgz", "00".repeat(32), "test data");
        IOException e = assertThrows(IOException.class, () -> pkg.fetch(dir, NO_NPM));
        assertTrue(e.getMessage().startsWith("test data: the npm client is not installed")
                && e.getMessage().contains("run 'npm pack pkg@1.0.0' in " + dir), e.getMessage());
    }
}
