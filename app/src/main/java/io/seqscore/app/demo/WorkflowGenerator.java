package io.seqscore.app.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Sessions of a small order workflow, each step a choice among alternatives repeated a few times:
 * <pre>
 *   login  (browse | search)  view-item×1..3  add-to-cart  [apply-coupon]  checkout
 *   (enter-address | saved-address)  pay  confirm  logout
 * </pre>
 * Session {@code i} depends on the seed and {@code i} only. {@link #session} makes a share of them anomalous,
 * cycling through the {@link WorkflowAnomaly} kinds: a required step skipped, an unknown step inserted, or two
 * neighbouring steps swapped (never the first event, which a next-symbol model has no forecast for); each
 * records the event where the session first departs from the workflow.
 */
final class WorkflowGenerator {
    static final String UNKNOWN_STEP = "export-all-data";

    private record Step(String[] symbols, double[] weights, int min, int max) {
    }

    private static final List<Step> WORKFLOW = List.of(
            step("login"),
            new Step(new String[] {"browse", "search"}, new double[] {0.6, 0.4}, 1, 1),
            new Step(new String[] {"view-item"}, new double[] {1}, 1, 3),
            step("add-to-cart"),
            new Step(new String[] {"apply-coupon"}, new double[] {1}, 0, 1),
            step("checkout"),
            new Step(new String[] {"enter-address", "saved-address"}, new double[] {0.3, 0.7}, 1, 1),
            step("pay"),
            step("confirm"),
            step("logout"));

    /** The steps a skipped-step anomaly may leave out. */
    private static final List<String> REQUIRED = List.of("add-to-cart", "checkout", "pay", "confirm");

    private final long seed;
    private final double anomalyRate;

    /** @param anomalyRate the share of {@link #session}s made anomalous, in [0, 1] */
    WorkflowGenerator(long seed, double anomalyRate) {
        if (!(anomalyRate >= 0 && anomalyRate <= 1)) {
            throw new IllegalArgumentException("the anomaly rate must be in [0, 1], got " + anomalyRate);
        }
        this.seed = seed;
        this.anomalyRate = anomalyRate;
    }

    private static Step step(String symbol) {
        return new Step(new String[] {symbol}, new double[] {1}, 1, 1);
    }

    /** Every symbol a normal session may hold. */
    static List<String> steps() {
        List<String> out = new ArrayList<>();
        for (Step s : WORKFLOW) {
            out.addAll(List.of(s.symbols));
        }
        return out;
    }

    /** Normal session {@code i}, keyed {@code prefix-i}. */
    WorkflowSession normal(String prefix, long i) {
        return new WorkflowSession(key(prefix, i), walk(random(i)), null, 0);
    }

    /** Session {@code i}: anomalous with the generator's rate, the kinds in turn. */
    WorkflowSession session(String prefix, long i) {
        SplittableRandom r = random(i);
        List<String> symbols = walk(r);
        if (r.nextDouble() >= anomalyRate) {
            return new WorkflowSession(key(prefix, i), symbols, null, 0);
        }
        WorkflowAnomaly kind = WorkflowAnomaly.values()[(int) Math.floorMod(i, (long) WorkflowAnomaly.values().length)];
        return inject(key(prefix, i), symbols, kind, r);
    }

    /** {@code symbols} (a normal session) made anomalous by {@code kind}. */
    static WorkflowSession inject(String key, List<String> symbols, WorkflowAnomaly kind, SplittableRandom r) {
        List<String> out = new ArrayList<>(symbols);
        switch (kind) {
            case SKIPPED_STEP -> out.remove(out.indexOf(REQUIRED.get(r.nextInt(REQUIRED.size()))));
            case UNKNOWN_STEP -> out.add(1 + r.nextInt(out.size() - 1), UNKNOWN_STEP);
            case WRONG_ORDER -> {
                List<Integer> swappable = new ArrayList<>();
                for (int i = 1; i + 1 < out.size(); i++) {
                    if (!out.get(i).equals(out.get(i + 1))) {
                        swappable.add(i);
                    }
                }
                int i = swappable.get(r.nextInt(swappable.size()));
                out.set(i + 1, out.set(i, out.get(i + 1)));
            }
            default -> throw new IllegalArgumentException(String.valueOf(kind));
        }
        return new WorkflowSession(key, out, kind, departure(out));
    }

    /**
     * The 1-based event of {@code symbols} where it stops being the beginning of a session the workflow can
     * produce, or 0 when it is one (e.g. view-item add-to-cart view-item departs at its third event: a skipped
     * or swapped step may show only at a later event).
     */
    static int departure(List<String> symbols) {
        // states: (step, times the step has been taken so far), as step * 8 + times
        Set<Integer> states = Set.of(0);
        for (int e = 0; e < symbols.size(); e++) {
            String x = symbols.get(e);
            Set<Integer> next = new HashSet<>();
            for (int state : states) {
                int k = state / 8;
                int c = state % 8;
                Step s = WORKFLOW.get(k);
                if (c < s.max && List.of(s.symbols).contains(x)) {
                    next.add(k * 8 + c + 1);
                }
                if (c < s.min) {
                    continue;
                }
                for (int j = k + 1; j < WORKFLOW.size(); j++) {
                    Step t = WORKFLOW.get(j);
                    if (List.of(t.symbols).contains(x)) {
                        next.add(j * 8 + 1);
                    }
                    if (t.min > 0) {
                        break;
                    }
                }
            }
            if (next.isEmpty()) {
                return e + 1;
            }
            states = next;
        }
        return 0;
    }

    private static List<String> walk(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (Step s : WORKFLOW) {
            int times = s.min + r.nextInt(s.max - s.min + 1);
            for (int t = 0; t < times; t++) {
                out.add(pick(s, r));
            }
        }
        return out;
    }

    private static String pick(Step s, SplittableRandom r) {
        double u = r.nextDouble();
        for (int i = 0; i < s.symbols.length - 1; i++) {
            u -= s.weights[i];
            if (u < 0) {
                return s.symbols[i];
            }
        }
        return s.symbols[s.symbols.length - 1];
    }

    private SplittableRandom random(long i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    }

    private static String key(String prefix, long i) {
        return String.format(Locale.ROOT, "%s-%05d", prefix, i);
    }
}
