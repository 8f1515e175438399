/**
 * What the running detector does with failures Kafka Streams reports instead of the topology:
 * its deserialization, processing and production exception handlers (each logs one line naming
 * the record and the node, and is counted), and a bounded stream-thread replacement policy.
 * Expected bad input never reaches here: the topology turns it into dead letters.
 */
package org.vogstream.app.errors;
