/**
 * The scorer's topics: which ones a configuration names ({@link io.seqscore.app.topics.ScorerTopicList}), how
 * they are created when {@code seqscore.topics.create=true} ({@link io.seqscore.app.config.TopicSettings}), and
 * the check {@code seqscore run} makes at start ({@link io.seqscore.app.topics.TopicProvisioner}).
 */
package io.seqscore.app.topics;
