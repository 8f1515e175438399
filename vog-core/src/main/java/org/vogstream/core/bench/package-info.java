/** What the benchmarks share: their inputs and a throughput measurement that resists drift. */
package org.vogstream.core.bench;
