/**
 * The live dashboard the scorer serves at {@code /}: a {@link io.seqscore.app.dashboard.ScoreFeed} reads the
 * scores topic with a consumer of its own (nothing is added to the scoring hot path) into a
 * {@link io.seqscore.app.dashboard.ScoreBoard} of bounded per-key rings; {@link io.seqscore.app.dashboard.Dashboard}
 * adds the page, its static files (Chart.js from its WebJar), a JSON snapshot and a server-sent-events stream
 * of the board to the scorer's HTTP endpoint. The "Rollout evidence" panel differences readings of the
 * scorer's per-version counters into windows per arm ({@link io.seqscore.app.dashboard.ArmWindows}) and names
 * the releases taken up ({@link io.seqscore.app.dashboard.ReleaseLog}).
 */
package io.seqscore.app.dashboard;
