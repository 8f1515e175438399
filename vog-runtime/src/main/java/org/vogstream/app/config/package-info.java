/** The application's configuration: topics, batching, models, thresholds' defaults, Kafka pass-through. */
package org.vogstream.app.config;
