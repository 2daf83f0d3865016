package org.sistercities.policy.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.sistercities.policy.applicability.ApplicabilityApi.AppliesToInput;
import org.sistercities.policy.document.DocumentApi.NewDocument;
import org.sistercities.policy.document.DocumentService;
import org.sistercities.policy.document.PolicyDocument;
import org.sistercities.policy.version.VersionService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Loads SCI's initial policy library (the texts SCI gave the project, in {@code seed/policies}) as published
 * versions, at start. A document whose slug exists is skipped, so restarts, and several instances starting
 * at once, load each document exactly once and never touch what headquarters changed since.
 */
@ApplicationScoped
public class PolicyLibrarySeed {

    static final String ACTOR = "system";
    private static final Logger LOG = Logger.getLogger(PolicyLibrarySeed.class);

    record Library(String attribution, List<Entry> documents) {
    }

    record Entry(String slug, String file, String title, String summary, String owner, List<String> tags,
                 AppliesToInput appliesTo) {
    }

    @Inject
    SeedConfig config;
    @Inject
    DocumentService documents;
    @Inject
    VersionService versions;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            load();
        }
    }

    @Transactional
    public int load() {
        // One loader at a time across instances; the second finds the documents and skips them.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('policy-library-seed'))").getSingleResult();
        Library library = read("library.json", Library.class);
        int loaded = 0;
        for (Entry entry : library.documents()) {
            if (PolicyDocument.count("slug", entry.slug()) > 0) {
                continue;
            }
            String body = text(entry.file());
            PolicyDocument document = documents.create(new NewDocument(entry.slug(), entry.title(), entry.summary(), body,
                    entry.owner(), entry.tags(), entry.appliesTo()), ACTOR);
            versions.publish(document.id.toString(), 1, ACTOR);
            LOG.infof("Seeded policy %s (%s) from %s", entry.slug(), document.id, library.attribution());
            loaded++;
        }
        return loaded;
    }

    private <T> T read(String name, Class<T> type) {
        try (InputStream in = resource(name)) {
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("The seed manifest " + name + " is unreadable", e);
        }
    }

    private String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The seed text " + name + " is unreadable", e);
        }
    }

    private InputStream resource(String name) {
        String path = config.location() + "/" + name;
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("The seed resource " + path + " is missing from the classpath");
        }
        return in;
    }
}
