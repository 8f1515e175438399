package org.vogstream.app.records;

/**
 * Where a record was read: enough to find it again, or to replay it.
 *
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param key the record's key, null when it had none
 */
public record SourcePosition(String topic, int partition, long offset, String key) {}
