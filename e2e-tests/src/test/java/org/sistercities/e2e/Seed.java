package org.sistercities.e2e;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data, created through the gateway's public API as headquarters staff would. */
final class Seed {

    /** Russia's country representative, appointed once for the whole run: every Russian case writes to her. */
    static final String RU_REPRESENTATIVE = "rep-ru@e2e.sistercities.example";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static boolean representativeAppointed;

    private Seed() {
    }

    /** A US community with its partnerships, each with two contacts whose addresses name the partnership. */
    record Community(String id, String name, Map<String, Partnership> partnerships) {
        Partnership partnership(String city) {
            return partnerships.get(city);
        }
    }

    record Partnership(String id, String community, String city, List<String> contacts) {
    }

    static synchronized void appointRussiaRepresentative() {
        if (!representativeAppointed) {
            Platform.admin().post("/api/v1/countries/RU/representatives", Map.of(
                    "name", "Elena Sokolova (e2e)", "email", RU_REPRESENTATIVE, "title", "Country Representative, Russia"))
                    .expect(201);
            representativeAppointed = true;
        }
    }

    /** A community named uniquely for this run, partnered with the given Russian cities. */
    static Community communityPartneredWith(String baseName, String... russianCities) {
        Map<String, String> partners = new LinkedHashMap<>();
        for (String city : russianCities) {
            partners.put(city, "RU");
        }
        return communityPartneredWith(baseName, partners);
    }

    /** A community named uniquely for this run, partnered with these cities (name to ISO country code). */
    static Community communityPartneredWith(String baseName, Map<String, String> partners) {
        String name = baseName + " " + SEQUENCE.incrementAndGet();
        String communityId = Platform.admin().post("/api/v1/communities", Map.of("name", name, "kind", "CITY", "state", "OR"))
                .expect(201).json().path("id").asText();
        Map<String, Partnership> partnerships = new LinkedHashMap<>();
        for (Map.Entry<String, String> partner : partners.entrySet()) {
            String city = partner.getKey();
            String slug = (name + "-" + city).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            List<String> contacts = List.of("chair." + slug + "@e2e.example.org", "international." + slug + "@e2e.example.org");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("communityId", communityId);
            body.put("partnerCity", Map.of("name", city, "region", city + " region", "country", partner.getValue()));
            body.put("type", "SISTER_CITY");
            body.put("establishedOn", "1988-01-01");
            body.put("contacts", List.of(
                    Map.of("role", "COMMITTEE_CHAIR", "name", name + " – " + city + " committee chair", "email", contacts.get(0)),
                    Map.of("role", "MUNICIPAL_OFFICE", "name", name + " international relations office", "email", contacts.get(1))));
            String id = Platform.admin().post("/api/v1/partnerships", body).expect(201).json().path("id").asText();
            partnerships.put(city, new Partnership(id, name, city, contacts));
        }
        return new Community(communityId, name, partnerships);
    }

    /** A council's decision, as a municipal system records it. */
    static Map<String, Object> statusChange(String to, String reasonCategory) {
        return statusChange(to, reasonCategory, "E2E-" + SEQUENCE.incrementAndGet());
    }

    /** A council's decision with the reference the test will look for in the history, the case and the event. */
    static Map<String, Object> statusChange(String to, String reasonCategory, String decisionReference) {
        return Map.of("to", to, "reasonCategory", reasonCategory,
                "reason", "Council decision recorded by the end-to-end tests",
                "decidingBody", "City Council", "decisionReference", decisionReference,
                "effectiveDate", LocalDate.now().toString());
    }

    /** The partnership's contacts and Russia's representative: who a Russian case writes to. */
    static List<String> outreachRecipients(Partnership partnership) {
        List<String> recipients = new ArrayList<>(partnership.contacts());
        recipients.add(RU_REPRESENTATIVE);
        return recipients;
    }
}
