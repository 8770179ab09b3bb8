/**
 * The scorer's HTTP endpoint (JDK {@code HttpServer}, JSON by Jackson): key state queries answered by the
 * instance owning the key, the served models, health and Prometheus metrics.
 */
package io.seqscore.app.http;
