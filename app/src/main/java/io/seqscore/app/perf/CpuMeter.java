package io.seqscore.app.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used so far by the threads of one Kafka Streams application (those whose name contains its
 * application id: stream threads, their producers' network threads, the global thread) and by the whole
 * process (which, with the embedded broker, includes the broker's work for those events).
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Sample(long appNanos, long processNanos) {
        Sample minus(Sample before) {
            return new Sample(appNanos - before.appNanos, processNanos - before.processNanos);
        }
    }

    private CpuMeter() {
    }

    static Sample sample(String threadNameFragment) {
        long app = 0;
        if (THREADS.isThreadCpuTimeSupported()) {
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && info.getThreadName().contains(threadNameFragment)) {
                    long t = THREADS.getThreadCpuTime(info.getThreadId());
                    if (t > 0) {
                        app += t;
                    }
                }
            }
        }
        return new Sample(app, processCpuNanos());
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
