package org.sistercities.policy.pdf;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sci.policy.pdf")
public interface PdfConfig {

    /** The largest PDF that may be uploaded; larger is {@code 413}. Keep {@code quarkus.http.limits.max-body-size} above it. */
    @WithDefault("10M")
    MemorySize maxSize();
}
