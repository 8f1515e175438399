/** Kafka plumbing: the broker check, topic creation, publishing class statistics. */
package org.vogstream.app.kafka;
