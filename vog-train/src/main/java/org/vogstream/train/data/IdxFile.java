package org.vogstream.train.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The IDX format of the original MNIST files: a big-endian header (magic {@code 0x00000803} for
 * images with count, rows and columns; {@code 0x00000801} for labels with count), then one unsigned
 * byte per pixel or label. Every check names the file, since a wrong file is the likely user error.
 */
final class IdxFile {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxFile() {}

    /**
     * The pixels of an image file, one byte each, image after image.
     *
     * @param rows expected rows of one image
     * @param columns expected columns of one image
     */
    static byte[] images(String name, byte[] file, int rows, int columns) throws IOException {
        ByteBuffer header = header(name, file, IMAGES_MAGIC, 16);
        int count = header.getInt(4);
        int r = header.getInt(8);
        int c = header.getInt(12);
        if (r != rows || c != columns) {
            throw new IOException(name + ": images are " + r + "×" + c + ", expected " + rows + "×" + columns);
        }
        return body(name, file, 16, (long) count * rows * columns, count + " images");
    }

    /** The labels of a label file, each checked to be below {@code classes}. */
    static int[] labels(String name, byte[] file, int classes) throws IOException {
        ByteBuffer header = header(name, file, LABELS_MAGIC, 8);
        int count = header.getInt(4);
        byte[] body = body(name, file, 8, count, count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = Byte.toUnsignedInt(body[i]);
            if (labels[i] >= classes) {
                throw new IOException(name + ": label " + labels[i] + " of item " + i + " is not below " + classes);
            }
        }
        return labels;
    }

    private static ByteBuffer header(String name, byte[] file, int magic, int length) throws IOException {
        if (file.length < length) {
            throw new IOException(name + ": " + file.length + " bytes is shorter than an IDX header");
        }
        ByteBuffer header = ByteBuffer.wrap(file, 0, length); // big-endian by default, as IDX is
        if (header.getInt(0) != magic) {
            throw new IOException(String.format("%s: magic number 0x%08x is not 0x%08x (IDX %s)", name, header.getInt(0), magic,
                    magic == IMAGES_MAGIC ? "images" : "labels"));
        }
        if (header.getInt(4) < 0) {
            throw new IOException(name + ": negative item count " + header.getInt(4));
        }
        return header;
    }

    private static byte[] body(String name, byte[] file, int offset, long size, String what) throws IOException {
        if (file.length - offset != size) {
            throw new IOException(name + ": header promises " + what + " (" + size + " bytes) but " + (file.length - offset)
                    + " bytes follow it");
        }
        return Arrays.copyOfRange(file, offset, file.length);
    }
}
