/**
 * Per-version evidence of a rollout: for every model version that scores, in each role (serving, canary,
 * shadow), the events it scored, its flags and its forecast errors, as the scorer computed them. Read by
 * the metrics registry at scrape time and by {@code GET /api/models}.
 */
package io.seqscore.app.evidence;
