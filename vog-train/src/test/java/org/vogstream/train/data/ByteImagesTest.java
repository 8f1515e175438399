package org.vogstream.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteImagesTest {
    @TempDir
    Path dir;

    private static LabeledImages images(int n, int offset) {
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i + offset);
        }
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> (i + offset) % 10);
        return ByteImages.of(pixels, labels);
    }

    @Test
    void shouldScaleBytesToTheUnitInterval() {
        LabeledImages one = ByteImages.of(new byte[784], new int[] {3});
        assertEquals(0f, one.values()[0]);
        byte[] pixels = new byte[784];
        pixels[5] = (byte) 255;
        pixels[6] = (byte) 51;
        LabeledImages bright = ByteImages.of(pixels, new int[] {3});
        assertEquals(1f, bright.values()[5]);
        assertEquals(0.2f, bright.values()[6], 1e-7);
        assertArrayEquals(new long[] {1, 28, 28}, bright.exampleDims());
    }

    @Test
    void shouldGiveBackExactlyTheSetsItCached() throws Exception {
        LabeledImages a = images(3, 0);
        LabeledImages b = images(2, 100);
        Path file = dir.resolve("cache.bin");
        ByteImages.write(List.of(a, b), file);
        assertEquals(4 + 4 + (4 + 3 + 3 * 784) + (4 + 2 + 2 * 784), Files.size(file));
        List<LabeledImages> back = ByteImages.read(file);
        assertEquals(2, back.size());
        assertArrayEquals(a.values(), back.get(0).values());
        assertArrayEquals(a.labels(), back.get(0).labels());
        assertArrayEquals(b.values(), back.get(1).values());
        assertArrayEquals(b.labels(), back.get(1).labels());
    }

    @Test
    void shouldAskToRebuildATruncatedCache() throws Exception {
        Path file = dir.resolve("cache.bin");
        ByteImages.write(List.of(images(2, 0)), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(IOException.class, () -> ByteImages.read(file));
        assertTrue(e.getMessage().endsWith("truncated image cache; delete it to rebuild"), e.getMessage());
    }
}
