/** Kafka plumbing: the in-JVM broker of the demo and tests, the broker check, topic creation. */
package org.vogstream.app.kafka;
