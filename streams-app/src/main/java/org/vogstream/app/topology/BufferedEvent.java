package org.vogstream.app.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A validated input record waiting in the micro-batch buffer: its raw value and where it came from.
 * Buffered raw (and decoded again at flush) so the changelog holds exactly what arrived.
 *
 * @param raw the record's value
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param timestamp the record's timestamp
 */
public record BufferedEvent(byte[] raw, String topic, int partition, long offset, long timestamp) {
    /** Store key: partition and offset, big-endian, so the store iterates in arrival order per partition. */
    public Bytes key() {
        return Bytes.wrap(ByteBuffer.allocate(12).putInt(partition).putLong(offset).array());
    }

    public static Serde<BufferedEvent> serde() {
        return Serdes.serdeFrom(new BufferedEventSerializer(), new BufferedEventDeserializer());
    }

    static final class BufferedEventSerializer implements Serializer<BufferedEvent> {
        @Override
        public byte[] serialize(String topic, BufferedEvent e) {
            if (e == null) {
                return null;
            }
            byte[] t = e.topic().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(4 + t.length + 4 + 8 + 8 + e.raw().length).putInt(t.length).put(t)
                    .putInt(e.partition()).putLong(e.offset()).putLong(e.timestamp()).put(e.raw()).array();
        }
    }

    static final class BufferedEventDeserializer implements Deserializer<BufferedEvent> {
        @Override
        public BufferedEvent deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            byte[] t = new byte[b.getInt()];
            b.get(t);
            int partition = b.getInt();
            long offset = b.getLong();
            long timestamp = b.getLong();
            byte[] raw = new byte[b.remaining()];
            b.get(raw);
            return new BufferedEvent(raw, new String(t, StandardCharsets.UTF_8), partition, offset, timestamp);
        }
    }
}
