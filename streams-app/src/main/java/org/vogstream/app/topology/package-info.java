/**
 * The Kafka Streams topology: decode and validate, durable micro-batch buffer, score the batch
 * with the fused graph, normalize and decide with statistics and thresholds from global stores.
 */
package org.vogstream.app.topology;
