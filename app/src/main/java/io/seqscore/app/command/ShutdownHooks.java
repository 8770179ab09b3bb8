package io.seqscore.app.command;

/** Where a command registers what must run when the JVM is asked to stop (SIGTERM, SIGINT). */
public interface ShutdownHooks {
    ShutdownHooks RUNTIME = new ShutdownHooks() {
        @Override
        public void add(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void remove(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook is running or has run: nothing left to remove
            }
        }
    };

    void add(Thread hook);

    void remove(Thread hook);
}
