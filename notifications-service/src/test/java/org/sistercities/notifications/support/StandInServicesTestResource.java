package org.sistercities.notifications.support;

import org.sistercities.testsupport.JvmWide;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * partnerships-service and policy-service as real HTTP servers at the network boundary, serving canned JSON
 * and real PDFs (see {@link StandInData}), with controls to take either down and bring it back.
 */
public class StandInServicesTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        @SuppressWarnings("unchecked")
        Map<String, String> urls = (Map<String, String>) JvmWide.call(StandInServers.class, "start");
        return Map.of(
                "quarkus.rest-client.partnerships.url", urls.get("partnerships"),
                "quarkus.rest-client.policy.url", urls.get("policy"),
                "sci.service-auth.token", StandInData.SERVICE_TOKEN);
    }

    @Override
    public void stop() {
    }

    public static void stopPolicyService() {
        JvmWide.call(StandInServers.class, "stopService", "policy");
    }

    public static void startPolicyService() {
        JvmWide.call(StandInServers.class, "startService", "policy");
    }

    public static void stopPartnershipsService() {
        JvmWide.call(StandInServers.class, "stopService", "partnerships");
    }

    public static void startPartnershipsService() {
        JvmWide.call(StandInServers.class, "startService", "partnerships");
    }

    /** How many requests the stand-ins answered on paths starting with {@code pathPrefix}. */
    public static int calls(String pathPrefix) {
        return (Integer) JvmWide.call(StandInServers.class, "calls", pathPrefix);
    }

    /** Registers partnerships that the list endpoint returns, each with {@code contactsEach} contacts. */
    public static List<UUID> registerPartnerships(String country, String status, String type, int count, int contactsEach) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) JvmWide.call(StandInServers.class, "register", country, status, type, count, contactsEach);
        return ids.stream().map(UUID::fromString).toList();
    }
}
