/** The records the application reads and writes (docs/design.md §3), and their JSON. */
package org.vogstream.app.records;
