package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX file as the MNIST distribution writes it: big-endian ints, then the bytes. */
    private Path idx(String name, int magic, int[] dims, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        return Files.write(dir.resolve(name), b.array());
    }

    private static byte[] pixels(int images) {
        byte[] p = new byte[images * 784];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
        return p;
    }

    @Test
    void shouldReadImagesAndLabelsOfAWellFormedFile() throws Exception {
        Path images = idx("images-idx3-ubyte", 0x803, new int[] {3, 28, 28}, pixels(3));
        Path labels = idx("labels-idx1-ubyte", 0x801, new int[] {3}, new byte[] {7, 0, 9});
        assertArrayEquals(pixels(3), IdxFile.images("images-idx3-ubyte", Files.readAllBytes(images), 28, 28));
        assertArrayEquals(new int[] {7, 0, 9}, IdxFile.labels("labels-idx1-ubyte", Files.readAllBytes(labels), 10));
    }

    @Test
    void shouldNameTheFileWhenTheMagicNumberIsWrong() throws Exception {
        Path labels = idx("t10k-labels-idx1-ubyte", 0x803, new int[] {1}, new byte[] {4});
        IOException e = assertThrows(IOException.class,
                () -> IdxFile.labels("t10k-labels-idx1-ubyte", Files.readAllBytes(labels), 10));
        assertEquals("t10k-labels-idx1-ubyte: magic number 0x00000803 is not 0x00000801 (IDX labels)", e.getMessage());
    }

    @Test
    void shouldRefuseImagesOfAnotherSize() throws Exception {
        Path images = idx("images", 0x803, new int[] {1, 32, 32}, new byte[32 * 32]);
        IOException e = assertThrows(IOException.class, () -> IdxFile.images("images", Files.readAllBytes(images), 28, 28));
        assertEquals("images: images are 32×32, expected 28×28", e.getMessage());
    }

    @Test
    void shouldRefuseACountTheBodyDoesNotHold() throws Exception {
        Path images = idx("images", 0x803, new int[] {3, 28, 28}, pixels(2));
        IOException e = assertThrows(IOException.class, () -> IdxFile.images("images", Files.readAllBytes(images), 28, 28));
        assertEquals("images: header promises 3 images (2352 bytes) but 1568 bytes follow it", e.getMessage());
        IOException shortFile = assertThrows(IOException.class, () -> IdxFile.labels("labels", new byte[] {0, 0, 8}, 10));
        assertEquals("labels: 3 bytes is shorter than an IDX header", shortFile.getMessage());
    }

    @Test
    void shouldRefuseALabelOutsideTheClasses() throws Exception {
        Path labels = idx("labels", 0x801, new int[] {2}, new byte[] {3, 10});
        IOException e = assertThrows(IOException.class, () -> IdxFile.labels("labels", Files.readAllBytes(labels), 10));
        assertEquals("labels: label 10 of item 1 is not below 10", e.getMessage());
    }
}
