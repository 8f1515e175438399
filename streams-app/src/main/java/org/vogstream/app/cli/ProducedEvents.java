package org.vogstream.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
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
     * @throws IllegalArgumentException in one line naming the file, when its data cannot go as {@code dtype}
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
        }
        return new ProducedEvents(dtype, model);
    }

    /** One event to send: its id (the record key) and its JSON. */
    record Event(String id, byte[] json) {}

    /**
     * The events of {@code examples}, ids {@code PREFIX-ID}, timestamped now.
     *
     * @throws IllegalArgumentException naming the example and element the dtype cannot hold
     */
    List<Event> encode(List<Example> examples, String prefix) {
        List<Event> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            String id = prefix + "-" + e.id();
            try {
                out.add(new Event(id, InferenceEventCodec.encode(new InferenceEvent(id, model, System.currentTimeMillis(),
                        e.shape(), e.values(), e.label(), "vog-produce", Map.of(), dtype))));
            } catch (IllegalArgumentException outOfRange) {
                throw new IllegalArgumentException("example '" + e.id() + "' as " + dtype.json() + ": "
                        + outOfRange.getMessage(), outOfRange);
            }
        }
        return out;
    }
}
