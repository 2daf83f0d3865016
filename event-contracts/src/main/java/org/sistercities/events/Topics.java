package org.sistercities.events;

/** Kafka topic names. Each topic's record key is the id of the aggregate that its events are about. */
public final class Topics {

    /** Key: partnership id. */
    public static final String PARTNERSHIP_EVENTS = "partnership-events";
    /** Key: policy document id. */
    public static final String POLICY_EVENTS = "policy-events";
    /** Key: outreach case id. */
    public static final String OUTREACH_EVENTS = "outreach-events";

    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic where a consumer of {@code topic} parks the events it cannot process. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
