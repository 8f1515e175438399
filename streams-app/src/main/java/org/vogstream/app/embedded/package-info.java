/** The in-JVM KRaft broker of the demo, the streaming benchmark and the tests (Kafka's own test kit). */
package org.vogstream.app.embedded;
