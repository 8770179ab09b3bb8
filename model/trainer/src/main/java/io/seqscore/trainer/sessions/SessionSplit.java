package io.seqscore.trainer.sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits sessions by their content: every copy of a session lands on the same side, so a held-out part
 * never holds a session the model was trained on. The distinct contents are shuffled by a seed.
 */
public final class SessionSplit {
    private final List<List<Session>> groups;

    /** Groups the sessions by content, in the order a seeded shuffle gives the distinct contents. */
    public SessionSplit(List<Session> sessions, long seed) {
        Map<List<String>, List<Session>> byContent = new LinkedHashMap<>();
        for (Session s : sessions) {
            byContent.computeIfAbsent(s.symbols(), k -> new ArrayList<>()).add(s);
        }
        List<List<Session>> g = new ArrayList<>(byContent.values());
        Collections.shuffle(g, new Random(seed));
        this.groups = g;
    }

    /** Distinct session contents. */
    public int distinct() {
        return groups.size();
    }

    /** The groups of distinct contents in shuffled order (each group: the copies of one content). */
    public List<List<Session>> groups() {
        return groups;
    }

    /** Whether distinct content i (shuffled order) is in fold f of k. */
    public static boolean inFold(int i, int f, int k) {
        return i % k == f;
    }

    /** The sessions of the first ⌈fraction·distinct⌉ distinct contents (held out), and of the rest. */
    public List<List<Session>> holdOut(double fraction) {
        int held = (int) Math.ceil(fraction * groups.size());
        List<Session> out = new ArrayList<>();
        List<Session> rest = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            (i < held ? out : rest).addAll(groups.get(i));
        }
        return List.of(out, rest);
    }

    /** One session per content of a held-out part (what a rate over distinct sessions counts). */
    public static List<Session> distinctOf(List<Session> sessions) {
        Map<List<String>, Session> first = new LinkedHashMap<>();
        for (Session s : sessions) {
            first.putIfAbsent(s.symbols(), s);
        }
        return new ArrayList<>(first.values());
    }
}
