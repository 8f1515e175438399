package org.vogstream.app.errors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scored record, alert or dead letter could not be written. Under exactly-once, continuing would
 * commit the input without its output, so the task fails and the batch is retried; the line says
 * which topic and how large the record was (the usual cause is {@code max.request.size}).
 */
public final class FailingProductionHandler extends MetricsAwareHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailingProductionHandler.class);
    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.error("writing to {} failed ({} bytes; {}): {}", record.topic(),
                record.value() == null ? 0 : record.value().length, StreamErrorHandling.where(context), exception.toString());
        count("production");
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        LOG.error("serializing a record for {} failed ({}): {}", record.topic(), StreamErrorHandling.where(context),
                exception.toString());
        count("serialization");
        return ProductionExceptionHandlerResponse.FAIL;
    }
}
