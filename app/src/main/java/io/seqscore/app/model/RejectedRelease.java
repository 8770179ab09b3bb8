package io.seqscore.app.model;

/**
 * A release the scorer refused, and why.
 *
 * @param name       model name (the record key when the release could not be read)
 * @param version    release version, or −1 when the release could not be read
 * @param reason     the precise reason
 * @param rejectedAt wall-clock time of the rejection (epoch ms)
 */
public record RejectedRelease(String name, long version, String reason, long rejectedAt) {
}
