package org.vogstream.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array (format versions 1–3, C order): floating arrays (float16, float32,
 * float64) as float32 values, integer arrays as longs.
 *
 * @param shape the array's shape
 * @param floats the values of a floating array, else {@code null}
 * @param longs the values of an integer array, else {@code null}
 * @param dtype the array's NumPy dtype, as its header spells it ({@code <f4}, {@code |u1}, ...)
 */
public record NpyArray(long[] shape, float[] floats, long[] longs, String dtype) {
    /** NumPy's uint8; {@code <u1} and {@code =u1} are the same type written another way. */
    private static final Pattern UINT8 = Pattern.compile("[|<=]u1");

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static NpyArray read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        if (buf.remaining() < 10) {
            throw new IOException(file + ": not a .npy file (too short)");
        }
        buf.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        String header = new String(buf.array(), buf.position(), headerLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        buf.position(buf.position() + headerLength);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new IOException(file + ": unreadable .npy header " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new IOException(file + ": Fortran-order arrays are not supported (save with np.ascontiguousarray)");
        }
        if (descr.group(1).equals(">")) {
            throw new IOException(file + ": big-endian arrays are not supported");
        }
        long[] shape = Arrays.stream(shapeMatch.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        int n = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        char kind = descr.group(2).charAt(0);
        int bytes = Integer.parseInt(descr.group(3));
        if ((long) n * bytes > buf.remaining()) {
            throw new IOException(file + ": truncated (" + n + " elements of " + bytes + " bytes announced, "
                    + buf.remaining() + " bytes present)");
        }
        String dtype = descr.group(1) + kind + bytes;
        if (kind == 'f') {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = switch (bytes) {
                    case 2 -> Float16.toFloat(buf.getShort());
                    case 4 -> buf.getFloat();
                    case 8 -> (float) buf.getDouble();
                    default -> throw new IOException(file + ": dtype " + dtype
                            + " is not supported (float16, float32 or float64)");
                };
            }
            return new NpyArray(shape, f, null, dtype);
        }
        if (kind == 'i' || kind == 'u') {
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                l[i] = switch (bytes) {
                    case 1 -> kind == 'u' ? Byte.toUnsignedLong(buf.get()) : buf.get();
                    case 2 -> kind == 'u' ? Short.toUnsignedLong(buf.getShort()) : buf.getShort();
                    case 4 -> kind == 'u' ? Integer.toUnsignedLong(buf.getInt()) : buf.getInt();
                    case 8 -> buf.getLong();
                    default -> throw new IOException(file + ": dtype " + dtype + " is not supported");
                };
            }
            return new NpyArray(shape, null, l, dtype);
        }
        throw new IOException(file + ": dtype " + dtype + " is not supported (floating or integer arrays only)");
    }

    /** Writes a float32 array ({@code <f4}, version 1.0). */
    public static void writeFloats(Path file, long[] shape, float[] values) throws IOException {
        write(file, shape, "<f4", values.length * 4, b -> {
            for (float v : values) {
                b.putFloat(v);
            }
        });
    }

    /** Writes a uint8 array ({@code |u1}, version 1.0) of values 0–255. */
    public static void writeUint8(Path file, long[] shape, byte[] values) throws IOException {
        write(file, shape, "|u1", values.length, b -> b.put(values));
    }

    /** Writes an int64 array ({@code <i8}, version 1.0). */
    public static void writeLongs(Path file, long[] shape, long[] values) throws IOException {
        write(file, shape, "<i8", values.length * 8, b -> {
            for (long v : values) {
                b.putLong(v);
            }
        });
    }

    private static void write(Path file, long[] shape, String descr, int dataBytes,
            java.util.function.Consumer<ByteBuffer> data) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).reduce((a, b) -> a + ", " + b).orElse("");
        if (shape.length == 1) {
            dims += ",";
        }
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        data.accept(b);
        Files.write(file, b.array());
    }

    /** Whether this is a uint8 array (image pixels, as saved from {@code np.uint8}). */
    public boolean isUint8() {
        return UINT8.matcher(dtype).matches();
    }

    /** Rows along the first axis. */
    public int rows() {
        return shape.length == 0 ? 1 : Math.toIntExact(shape[0]);
    }

    /** The shape of one row. */
    public long[] rowShape() {
        return Arrays.copyOfRange(shape, Math.min(1, shape.length), shape.length);
    }
}
