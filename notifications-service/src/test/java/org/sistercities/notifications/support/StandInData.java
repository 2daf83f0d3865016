package org.sistercities.notifications.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the stand-ins for partnerships-service and policy-service answer. Pure functions of their input, so
 * that tests can compute what to expect without sharing state with the servers.
 */
public final class StandInData {

    public static final String SERVICE_TOKEN = "stand-in-service-token";
    public static final String[] CONTACT_ROLES = {"COMMUNITY_CONTACT", "MUNICIPAL_OFFICE", "COMMITTEE_CHAIR"};

    public static final UUID SUSPENSION_POLICY = UUID.fromString("5a1e0000-0000-4000-8000-000000000001");
    public static final UUID SUSPENSION_POLICY_V2 = UUID.fromString("5a1e0000-0000-4000-8000-000000000002");
    public static final UUID CEO_STATEMENT = UUID.fromString("5a1e0000-0000-4000-8000-000000000011");
    public static final UUID CEO_STATEMENT_V1 = UUID.fromString("5a1e0000-0000-4000-8000-000000000012");

    private StandInData() {
    }

    /** Contacts of a partnership that the tests did not register: two, derived from its id. */
    public static List<String> contactEmails(UUID partnershipId, int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add("contact" + i + "-" + partnershipId + "@community.example");
        }
        return emails;
    }

    /** Country representatives: one per country, two for Russia. */
    public static List<String> representativeEmails(String country) {
        String iso = country.toLowerCase(Locale.ROOT);
        return "ru".equals(iso) ? List.of("rep-ru@sci.example", "deputy-rep-ru@sci.example") : List.of("rep-" + iso + "@sci.example");
    }

    public record Policy(UUID documentId, String slug, String title, UUID versionId, int versionNumber, String filename) {

        public byte[] pdf() {
            return StandInData.pdf(title + " (version " + versionNumber + ")");
        }

        public String pdfPath() {
            return "/api/v1/policies/" + documentId + "/versions/" + versionId + "/pdf";
        }
    }

    public static final Policy SUSPENSION = new Policy(SUSPENSION_POLICY, "political-suspension-policy",
            "Political Suspension/Cancellation Policy for Sister Cities", SUSPENSION_POLICY_V2, 2,
            "SCI Political Suspension Policy.pdf");
    public static final Policy CEO = new Policy(CEO_STATEMENT, "ceo-statement-russia-2022-03-01",
            "CEO Statement on Russia Relationships", CEO_STATEMENT_V1, 1, "SCI CEO Statement on Russia Relationships.pdf");

    /** The policy library's applicability rule, most specific first: the Russia statement, then the general policy. */
    public static List<Policy> applicable(String status, String reasonCategory, String country) {
        List<Policy> policies = new ArrayList<>();
        if ("RU".equals(country)) {
            policies.add(CEO);
        }
        if (("SUSPENDED".equals(status) || "TERMINATED".equals(status)) && "POLITICAL".equals(reasonCategory)) {
            policies.add(SUSPENSION);
        }
        return policies;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small, valid one-page PDF showing {@code title}. */
    public static byte[] pdf(String title) {
        String text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
