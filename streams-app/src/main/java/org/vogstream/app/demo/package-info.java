/** {@code vog demo}: a broker, the bundled model set and live traffic in one process. */
package org.vogstream.app.demo;
