package io.seqscore.app.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** {@code seqscore --version}: the jar's version, with the Kafka Streams and Java versions it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"seqscore " + version() + " (Kafka Streams " + AppInfoParser.getVersion() + ", Java "
                + Runtime.version() + ")"};
    }

    /** The version in the jar's manifest; "development build" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
