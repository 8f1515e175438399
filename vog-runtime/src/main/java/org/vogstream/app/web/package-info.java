/** The auditor's page: static files from the jar and the PNGs of recent alerts, beside the query API. */
package org.vogstream.app.web;
