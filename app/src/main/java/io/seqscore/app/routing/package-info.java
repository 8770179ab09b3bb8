/**
 * Which model scores which key: routing rules (key globs → model names), an optional event attribute
 * naming the model, and the default model, with a fixed precedence ({@link io.seqscore.app.routing.ModelRouter}).
 */
package io.seqscore.app.routing;
