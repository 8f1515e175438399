package org.vogstream.train.data;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 28×28 images of 10 classes whose pixels are bytes 0–255, as in the original MNIST and
 * Fashion-MNIST: values are {@code pixel / 255}, and a cache of one or more such sets stores one
 * byte per pixel, which gives those values back exactly.
 */
final class ByteImages {
    static final int PIXELS = 784;
    private static final long[] DIMS = {1, 28, 28};
    private static final int MAGIC = 0x564f4742; // "VOGB"
    private static final float[] VALUE = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            VALUE[b] = b / 255f;
        }
    }

    private ByteImages() {}

    /** {@code pixels[i]} (unsigned) becomes {@code pixels[i] / 255}. */
    static LabeledImages of(byte[] pixels, int[] labels) {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + labels.length + " images of 28×28");
        }
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = VALUE[Byte.toUnsignedInt(pixels[i])];
        }
        return new LabeledImages(DIMS.clone(), values, labels, 10);
    }

    static void write(List<LabeledImages> sets, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(sets.size());
            for (LabeledImages set : sets) {
                out.writeInt(set.count());
                for (int l : set.labels()) {
                    out.writeByte(l);
                }
                for (float v : set.values()) {
                    out.writeByte(Math.round(v * 255));
                }
            }
        }
    }

    static List<LabeledImages> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + ": not an image cache; delete it to rebuild");
            }
            int setCount = in.readInt();
            List<LabeledImages> sets = new ArrayList<>();
            for (int s = 0; s < setCount; s++) {
                int n = in.readInt();
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readUnsignedByte();
                }
                byte[] pixels = new byte[n * PIXELS];
                in.readFully(pixels);
                sets.add(of(pixels, labels));
            }
            return sets;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated image cache; delete it to rebuild", e);
        }
    }
}
