package org.vogstream.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.InferenceEvent;
import org.vogstream.core.data.InferenceEventCodec;
import org.vogstream.core.data.TensorDtype;

/**
 * A data file's examples as the events {@code vog produce --dtype} sends. uint8 goes only from
 * uint8 data to uint8 events: bytes sent as floats would reach the model unscaled, and floats cut to
 * bytes would lose what the model set's scale cannot give back.
 */
final class ProducedEvents {
    private final TensorDtype dtype;
    private final String model;

    private ProducedEvents(TensorDtype dtype, String model) {
        this.dtype = dtype;
        this.model = model;
    }

    /**
     * Checks every example before anything is sent, so that data a dtype cannot hold is refused
     * with nothing on the topic; the events themselves are made one by one as they are sent.
     *
     * @throws IllegalArgumentException in one line naming the file, when its data cannot go as
     *     {@code dtype}, or the example and element a float16 cannot hold
     */
    static ProducedEvents of(List<Example> examples, TensorDtype dtype, String model, Path data) {
        for (Example e : examples) {
            boolean bytes = e.dtype() == TensorDtype.UINT8;
            if (dtype == TensorDtype.UINT8 && !bytes) {
                throw new IllegalArgumentException("--dtype uint8 needs uint8 data (a .npy of dtype uint8, or uint8"
                        + " events); " + data + " holds " + e.dtype().json() + " (example '" + e.id() + "')");
            }
            if (dtype != TensorDtype.UINT8 && bytes) {
                throw new IllegalArgumentException(data + " holds uint8 values; send them with --dtype uint8, which the"
                        + " model set's input.json scales");
            }
            try {
                dtype.bytes(e.values());
            } catch (IllegalArgumentException outOfRange) {
                throw new IllegalArgumentException("example '" + e.id() + "' as " + dtype.json() + ": "
                        + outOfRange.getMessage(), outOfRange);
            }
        }
        return new ProducedEvents(dtype, model);
    }

    /** One event to send: its id (the record key) and its JSON. */
    record Event(String id, byte[] json) {}

    /**
     * The event of {@code example}, id {@code PREFIX-ID}, timestamped now: made when it is sent, so
     * that its event time is its send time at any --rate (the detector's latency counts from it).
     */
    Event encode(Example example, String prefix) {
        String id = prefix + "-" + example.id();
        return new Event(id, InferenceEventCodec.encode(new InferenceEvent(id, model, System.currentTimeMillis(),
                example.shape(), example.values(), example.label(), "vog-produce", Map.of(), dtype)));
    }
}
