package io.seqscore.app.topology;

import io.seqscore.trainer.sessions.Session;

import java.util.ArrayList;
import java.util.List;

/** The small web-shop workflow the next-symbol topology tests train on. */
final class WorkflowSessions {
    /** A normal session's steps. */
    static final List<String> WORKFLOW = List.of("login", "search", "view", "cart", "pay", "logout");

    private WorkflowSessions() {
    }

    /** 60 sessions of {@link #WORKFLOW}: every third views twice, every fifth searches twice. */
    static List<Session> training() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> s = new ArrayList<>(WORKFLOW);
            if (i % 3 == 0) {
                s.add(3, "view");
            }
            if (i % 5 == 0) {
                s.add(1, "search");
            }
            sessions.add(new Session(i + 1, s));
        }
        return sessions;
    }
}
