/**
 * {@code seqscore evaluate m4}: the M4 competition's forecasting task through the real pipeline (one model trained
 * over every series, published, served by the scorer on an embedded broker), and M4's accuracy measures and
 * reference forecasts (sMAPE, MASE, OWA; seasonal naive, Naive2).
 */
package io.seqscore.app.evaluate.m4;
