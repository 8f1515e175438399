package org.vogstream.app.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every source reads raw bytes or strings, which always deserialize, so this should never run; if a
 * record still fails, it is skipped with an error line naming it and a count
 * ({@code vog_stream_errors_total{kind="deserialization"}}) rather than stopping every task.
 */
public final class CountingDeserializationHandler extends MetricsAwareHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CountingDeserializationHandler.class);
    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.error("skipped a record that could not be deserialized ({}): {}", StreamErrorHandling.where(context),
                exception.toString());
        count("deserialization");
        return DeserializationHandlerResponse.CONTINUE;
    }
}
