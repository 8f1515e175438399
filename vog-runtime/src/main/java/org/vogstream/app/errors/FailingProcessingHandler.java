package org.vogstream.app.errors;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor threw: that is a bug or a broken dependency, never bad input (which becomes a dead
 * letter). Skipping the record would lose it, so the task fails: its transaction aborts, the
 * thread is replaced ({@link BoundedThreadReplacement}) and the record is processed again.
 */
public final class FailingProcessingHandler extends MetricsAwareHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailingProcessingHandler.class);
    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("processing failed ({}): {}", StreamErrorHandling.where(context), exception.toString());
        count("processing");
        return ProcessingHandlerResponse.FAIL;
    }
}
