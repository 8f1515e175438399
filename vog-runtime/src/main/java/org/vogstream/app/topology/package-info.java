/**
 * The Kafka Streams topology: decode and validate, durable micro-batch buffer, score the batch
 * with the fused graph, normalize and decide with statistics and thresholds from global stores,
 * and keep the hardest recent examples and recent alerts per (model, predicted class).
 */
package org.vogstream.app.topology;
