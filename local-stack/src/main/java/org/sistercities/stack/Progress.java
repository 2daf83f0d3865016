package org.sistercities.stack;

import java.time.Duration;

/** What the launcher tells while it works: the console prints it; the end-to-end tests may ignore it. */
public interface Progress {

    Progress SILENT = new Progress() {
        @Override
        public void starting(String part, String detail) {
        }

        @Override
        public void ready(String part, Duration took, String detail) {
        }

        @Override
        public void note(String message) {
        }
    };

    void starting(String part, String detail);

    void ready(String part, Duration took, String detail);

    void note(String message);
}
