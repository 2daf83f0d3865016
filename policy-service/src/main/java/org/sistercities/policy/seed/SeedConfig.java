package org.sistercities.policy.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "sci.policy.seed")
public interface SeedConfig {

    /** Load SCI's initial policy library at start when its documents are missing. */
    @WithDefault("true")
    boolean enabled();

    /** The classpath folder holding {@code library.json} and the Markdown texts it names. */
    @WithDefault("seed/policies")
    String location();
}
