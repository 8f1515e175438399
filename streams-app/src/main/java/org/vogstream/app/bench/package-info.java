/** End-to-end benchmarks: the streaming path measured against the scorer's raw rate. */
package org.vogstream.app.bench;
