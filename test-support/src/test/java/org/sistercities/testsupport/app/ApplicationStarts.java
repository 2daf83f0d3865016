package org.sistercities.testsupport.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * Numbers application starts, to show which test classes share one application.
 *
 * <p>The count lives in a system property because Quarkus loads each application (one per test
 * profile) in its own class loader, where static fields start afresh.
 */
public class ApplicationStarts {

    private static final String COUNT = "sci.test-support.application-starts";
    private static final String DEFAULT_PROFILE_START = "sci.test-support.default-profile-start";

    // This application's number: this class is loaded again for each application.
    private static int thisStart;

    void onStart(@Observes StartupEvent event) {
        thisStart = Integer.getInteger(COUNT, 0) + 1;
        System.setProperty(COUNT, Integer.toString(thisStart));
    }

    /** Fails if another class without a test profile ran in a different application than this one. */
    static void assertOneApplicationForAllClassesWithoutProfile() {
        String first = System.getProperty(DEFAULT_PROFILE_START);
        if (first == null) {
            System.setProperty(DEFAULT_PROFILE_START, Integer.toString(thisStart));
        } else {
            assertEquals(Integer.parseInt(first), thisStart, "the application restarted between test classes");
        }
    }
}
