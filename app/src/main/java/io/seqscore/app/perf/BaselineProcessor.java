package io.seqscore.app.perf;

import io.seqscore.avro.Event;
import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.input.DoubleList;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;

import java.util.List;

/**
 * The baseline's per-event work (see {@link BaselineTopology}): deserialize, get the key's bytes, put a
 * new array of the same size (the old bytes copied, the event time written at its start), forward one
 * reused Score whose arrays have the scorer's lengths (the observed values as expectation and forecast,
 * zero residuals, ±1 intervals). For a categorical model ({@code valuesPerStep} 0) the Score has the shape of a
 * next-symbol score: the event's symbol, no expectation or residual, a forecast (the distribution) of
 * {@code outputSize} values, horizon 1, rank 1, and as many next symbols as the scorer lists (the event's symbol,
 * probability 1/{@code outputSize}).
 */
final class BaselineProcessor implements Processor<byte[], byte[], String, Score> {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Deserializer<Event> events;
    private final String eventsTopic;
    private final String storeName;
    private final String sink;
    private final int stateBytes;
    private final int valuesPerStep;
    private final int outputSize;
    private final String modelName;
    private final ProgressCounter counter;
    private final List<NextSymbol> nextSymbols = new ArrayList<>();
    private final Score score = new Score();
    private final DoubleList expected = new DoubleList();
    private final DoubleList residual = new DoubleList();
    private final DoubleList forecast = new DoubleList();
    private final DoubleList lower = new DoubleList();
    private final DoubleList upper = new DoubleList();
    private ProcessorContext<String, Score> context;
    private KeyValueStore<String, byte[]> store;

    BaselineProcessor(Deserializer<Event> events, String eventsTopic, String storeName, String sink, int stateBytes,
                      int valuesPerStep, int outputSize, int nextSymbolCount, String modelName, ProgressCounter counter) {
        this.events = events;
        this.eventsTopic = eventsTopic;
        this.storeName = storeName;
        this.sink = sink;
        this.stateBytes = stateBytes;
        this.valuesPerStep = valuesPerStep;
        this.outputSize = outputSize;
        this.modelName = modelName;
        this.counter = counter;
        if (valuesPerStep == 0) {
            for (int i = 0; i < Math.min(nextSymbolCount, outputSize); i++) {
                nextSymbols.add(new NextSymbol());
            }
        }
        score.setNextSymbols(nextSymbols);
    }

    @Override
    public void init(ProcessorContext<String, Score> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Event event = events.deserialize(eventsTopic, record.headers(), record.value());
        List<Double> values = event.getValues();
        String key = new String(record.key(), StandardCharsets.UTF_8);
        long eventTime = event.getEventTime().toEpochMilli();

        byte[] before = store.get(key);
        byte[] after = new byte[stateBytes];
        if (before != null) {
            System.arraycopy(before, 0, after, 0, Math.min(before.length, stateBytes));
        }
        if (stateBytes >= Long.BYTES) {
            LONG.set(after, 0, eventTime);
        }
        store.put(key, after);

        expected.reset(valuesPerStep);
        residual.reset(valuesPerStep);
        for (int d = 0; d < valuesPerStep; d++) {
            double v = values.get(d % values.size());
            expected.put(d, v);
            residual.put(d, 0.0);
        }
        forecast.reset(outputSize);
        lower.reset(outputSize);
        upper.reset(outputSize);
        for (int i = 0; i < outputSize; i++) {
            double v = values.isEmpty() ? 0.0 : values.get(i % values.size());
            forecast.put(i, v);
            lower.put(i, v - 1);
            upper.put(i, v + 1);
        }
        score.setEventTime(Instant.ofEpochMilli(eventTime));
        score.setObserved(values);
        score.setStatus(ScoreStatus.OK);
        score.setSymbol(event.getSymbol());
        score.setSymbolRank(valuesPerStep == 0 ? 1 : null);
        for (NextSymbol n : nextSymbols) {
            n.setSymbol(event.getSymbol());
            n.setProbability(1.0 / outputSize);
        }
        score.setExpected(valuesPerStep == 0 ? null : expected);
        score.setResidual(valuesPerStep == 0 ? null : residual);
        score.setAnomalyScore(0.5);
        score.setAnomaly(false);
        score.setForecast(forecast);
        score.setForecastLower(lower);
        score.setForecastUpper(upper);
        score.setHorizon(valuesPerStep == 0 ? 1 : outputSize / valuesPerStep);
        score.setModelName(modelName);
        score.setModelVersion(1L);
        score.setStepsSeen(eventTime);
        context.forward(new Record<>(key, score, record.timestamp(), record.headers()), sink);
        counter.tick();
    }
}
