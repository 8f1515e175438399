/** The records the application reads and writes (design.md §3), and their JSON. */
package org.vogstream.app.records;
