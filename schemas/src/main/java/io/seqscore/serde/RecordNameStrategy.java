package io.seqscore.serde;

import org.apache.avro.Schema;

/** The record's full name (e.g. {@code io.seqscore.avro.Event}): one lineage per record type, across topics. */
public final class RecordNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
