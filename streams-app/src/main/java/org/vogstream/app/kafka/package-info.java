/** Kafka plumbing: the in-JVM broker of the demo and tests, topic creation. */
package org.vogstream.app.kafka;
