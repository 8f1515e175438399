package org.vogstream.app.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.vogstream.app.records.SourcePosition;
import org.vogstream.core.data.InferenceEvent;

/**
 * A validated input record waiting in the micro-batch buffer: its raw value and where it came from.
 * Buffered raw so the changelog holds exactly what arrived; decoded again at flush only when read
 * back from the store.
 *
 * <p>Stored as a version byte and the fields. Version 1 is this layout; records of the first
 * release had no version byte and begin with the topic name's length, whose first byte is 0 for
 * any real topic name, so they are still read. Other versions are refused with
 * {@link UnreadableException}, which the scorer turns into a dead letter instead of failing the
 * task on every restart.
 *
 * @param raw the record's value
 * @param source where it was read
 * @param timestamp the record's timestamp
 * @param decoded the event as validation decoded it, so a flush in the same task need not decode
 *     it again; null once read back from the store (after a restart or a rebalance), never stored
 */
public record BufferedEvent(byte[] raw, SourcePosition source, long timestamp, InferenceEvent decoded) {
    public BufferedEvent(byte[] raw, SourcePosition source, long timestamp) {
        this(raw, source, timestamp, null);
    }

    static final byte VERSION = 1;
    private static final byte LEGACY = 0;

    /** Store key: partition and offset, big-endian, so the store iterates in arrival order per partition. */
    public Bytes key() {
        return Bytes.wrap(ByteBuffer.allocate(12).putInt(source.partition()).putLong(source.offset()).array());
    }

    byte[] encode() {
        byte[] t = source.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + t.length + 4 + 8 + 8 + raw.length).put(VERSION).putInt(t.length).put(t)
                .putInt(source.partition()).putLong(source.offset()).putLong(timestamp).put(raw).array();
    }

    static BufferedEvent decode(byte[] stored) throws UnreadableException {
        if (stored == null || stored.length == 0) {
            throw new UnreadableException("empty buffer record");
        }
        ByteBuffer b = ByteBuffer.wrap(stored);
        byte version = stored[0];
        if (version == VERSION) {
            b.get();
        } else if (version != LEGACY) {
            throw new UnreadableException("buffer record of format version " + version + "; this version reads "
                    + LEGACY + " and " + VERSION);
        }
        try {
            int topicLength = b.getInt();
            if (topicLength < 0 || topicLength > b.remaining()) {
                throw new UnreadableException("buffer record with a topic name of " + topicLength + " bytes");
            }
            byte[] t = new byte[topicLength];
            b.get(t);
            int partition = b.getInt();
            long offset = b.getLong();
            long timestamp = b.getLong();
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            return new BufferedEvent(raw, new SourcePosition(new String(t, StandardCharsets.UTF_8), partition, offset,
                    null), timestamp);
        } catch (BufferUnderflowException e) {
            throw new UnreadableException("truncated buffer record (" + stored.length + " bytes)");
        }
    }

    /** A stored buffer record this version cannot read. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }
}
