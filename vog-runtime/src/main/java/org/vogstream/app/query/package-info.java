/**
 * Interactive queries: the stores of the hardest recent examples and the recent alerts per (model,
 * predicted class), read locally or from the instance that owns a key through Kafka Streams'
 * metadata, and the HTTP API that answers them on the metrics server.
 */
package org.vogstream.app.query;
