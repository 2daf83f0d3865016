package org.sistercities.gateway.staff;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.Role;
import org.sistercities.gateway.auth.Secrets;
import org.sistercities.gateway.config.GatewayConfig;

import java.util.List;

/**
 * The first staff account, so that someone can log in to a new installation: from
 * {@code sci.gateway.staff.initial-admin.*} when a password is configured, otherwise with a generated password
 * that is logged exactly once, at this first start. Later starts find an account and do nothing.
 */
@ApplicationScoped
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class);

    private final StaffService staff;
    private final GatewayConfig.Staff.InitialAdmin config;

    InitialAdmin(StaffService staff, GatewayConfig config) {
        this.staff = staff;
        this.config = config.staff().initialAdmin();
    }

    void onStart(@Observes StartupEvent event) {
        if (staff.anyAccountExists()) {
            return;
        }
        boolean generated = config.password().isEmpty();
        String password = config.password().orElseGet(() -> Secrets.random(20));
        staff.createAccount(config.username(), password, Role.HQ_ADMIN, List.of(), List.of());
        if (generated) {
            // The one deliberate exception to "no secrets in logs": without it nobody could log in. Change it at once.
            LOG.warnf("Created the first staff account '%s' (hq-admin) with the generated password %s — it is shown only now",
                    config.username(), password);
        } else {
            LOG.infof("Created the first staff account '%s' (hq-admin) from configuration", config.username());
        }
    }
}
