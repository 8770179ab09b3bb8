/**
 * {@code seqscore demo}: one command that shows seqscore working. It starts a Kafka broker in this process
 * (or uses a given cluster), generates a workload with the trainer's generator (or replays a CSV), trains
 * model v1 with the trainer's code path and publishes it through the models topic, runs the real scorer
 * with its dashboard, streams live events, and later releases v2 as a canary and promotes it
 * ({@link io.seqscore.app.demo.DemoTimeline}), so that the hot swap shows on the dashboard.
 */
package io.seqscore.app.demo;
