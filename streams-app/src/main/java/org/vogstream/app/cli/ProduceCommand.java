package org.vogstream.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vogstream.app.config.TopicNames;
import org.vogstream.app.run.KafkaOptions;
import org.vogstream.core.cli.FlagCheck;
import org.vogstream.core.cli.JobCommand;
import org.vogstream.core.data.Example;
import org.vogstream.core.data.ExampleFiles;
import org.vogstream.core.data.TensorDtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vog produce}: a data file as inference events. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send the examples of a .npy array or a JSONL file to the input topic as inference events.")
public final class ProduceCommand extends JobCommand {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model name the events carry.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = ".npy float32, float16 or uint8 [N, ...], or JSONL events.")
    Path data;

    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "TYPE", description = "How the events carry the"
            + " tensor: float32, float16 (rounded to nearest even) or uint8 (uint8 data only; the model set's input.json"
            + " scales it). Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Option(names = "--data-labels", paramLabel = "FILE", description = "Integer labels [N] (.npy) for .npy data.")
    Path labels;

    @Option(names = "--topic", defaultValue = TopicNames.INPUT, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "Events per second; 0 = as fast as possible.")
    double rate;

    @Override
    public Integer call() throws Exception {
        FlagCheck.require(rate >= 0, "--rate", "at least 0 (0: as fast as possible)", rate);
        TensorDtype type = TensorDtype.ofJson(dtype).orElse(null);
        FlagCheck.require(type != null, "--dtype", "one of " + TensorDtype.names(), dtype);
        List<Example> examples = ExampleFiles.read(data, labels);
        String prefix = data.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        ProducedEvents events = ProducedEvents.of(examples, type, model, data);
        long start = System.nanoTime();
        // sends are asynchronous: without this the command would report success for records the broker never took
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.connect(), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < examples.size() && failed.get() == null; i++) {
                ProducedEvents.Event e = events.encode(examples.get(i), prefix);
                producer.send(new ProducerRecord<>(topic, e.id(), e.json()), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
                if (rate > 0) {
                    long due = start + (long) ((i + 1) / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
            }
        }
        if (failed.get() != null) {
            throw new IOException("sending to " + topic + " failed: " + failed.get().getMessage(), failed.get());
        }
        out().printf("sent %d events to %s%n", examples.size(), topic);
        out().flush();
        return 0;
    }
}
