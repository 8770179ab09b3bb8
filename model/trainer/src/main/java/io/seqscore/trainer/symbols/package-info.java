/**
 * Training on events that carry a symbol and values ({@code seqscore-trainer train --csv FILE --csv-format symbols}):
 * the events grouped by key ({@link SymbolEvents}), a model that reads both and forecasts both
 * ({@link SymbolValuesTraining}, features SYMBOLS with values, head softmax-values) and its release
 * ({@link SymbolValuesRelease}).
 */
package io.seqscore.trainer.symbols;
