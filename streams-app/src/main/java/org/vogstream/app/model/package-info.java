/** The models the application scores with, by name. */
package org.vogstream.app.model;
