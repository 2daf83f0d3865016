package org.sistercities.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the platform: its CloudEvents type, the topic it travels on, its payload record and its schema.
 * Consumers dispatch on this enum instead of comparing type strings.
 */
public enum EventType {

    PARTNERSHIP_REGISTERED("org.sistercities.partnership.registered.v1", "partnership.registered",
            Topics.PARTNERSHIP_EVENTS, PartnershipRegisteredV1.class),
    PARTNERSHIP_STATUS_CHANGED("org.sistercities.partnership.status-changed.v1", "partnership.status_changed",
            Topics.PARTNERSHIP_EVENTS, PartnershipStatusChangedV1.class),
    PARTNERSHIP_UPDATED("org.sistercities.partnership.updated.v1", "partnership.updated",
            Topics.PARTNERSHIP_EVENTS, PartnershipUpdatedV1.class),
    POLICY_PUBLISHED("org.sistercities.policy.published.v1", "policy.published",
            Topics.POLICY_EVENTS, PolicyPublishedV1.class),
    POLICY_RETIRED("org.sistercities.policy.retired.v1", "policy.retired",
            Topics.POLICY_EVENTS, PolicyRetiredV1.class),
    OUTREACH_CASE_OPENED("org.sistercities.outreach.case-opened.v1", "outreach.case_opened",
            Topics.OUTREACH_EVENTS, OutreachCaseOpenedV1.class),
    OUTREACH_CASE_RESOLVED("org.sistercities.outreach.case-resolved.v1", "outreach.case_resolved",
            Topics.OUTREACH_EVENTS, OutreachCaseResolvedV1.class);

    private static final Map<String, EventType> BY_TYPE = index(EventType::type);
    private static final Map<String, EventType> BY_WEBHOOK_TYPE = index(EventType::webhookType);
    private static final Map<Class<? extends EventPayload>, EventType> BY_PAYLOAD_TYPE = index(EventType::payloadType);

    private final String type;
    private final String webhookType;
    private final String topic;
    private final Class<? extends EventPayload> payloadType;

    EventType(String type, String webhookType, String topic, Class<? extends EventPayload> payloadType) {
        this.type = type;
        this.webhookType = webhookType;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    /** The CloudEvents type ({@code ce_type}), versioned: a breaking change is a new type, not a new meaning. */
    public String type() {
        return type;
    }

    /** The unversioned name under which municipal systems subscribe and which webhook bodies carry as {@code type}. */
    public String webhookType() {
        return webhookType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** Where the JSON Schema lives on the classpath, without a leading slash. */
    public String schemaLocation() {
        return "schemas/" + type + ".json";
    }

    public static Optional<EventType> fromType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }

    public static Optional<EventType> fromWebhookType(String webhookType) {
        return Optional.ofNullable(webhookType).map(BY_WEBHOOK_TYPE::get);
    }

    /** Total because {@link EventPayload} is sealed to the payload records, each of which has exactly one type. */
    public static EventType of(EventPayload payload) {
        return BY_PAYLOAD_TYPE.get(payload.getClass());
    }

    private static <K> Map<K, EventType> index(Function<EventType, K> key) {
        return Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
