package org.sistercities.gateway.staff;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.auth.Role;
import org.sistercities.gateway.auth.Scopes;
import org.sistercities.gateway.auth.Secrets;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.RequestRejected;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Staff accounts, password login with lock-out, and the sessions a login opens. */
@ApplicationScoped
public class StaffService {

    private static final Logger LOG = Logger.getLogger(StaffService.class);
    static final int SESSION_TOKEN_LENGTH = 43;
    private static final int CSRF_TOKEN_LENGTH = 32;
    private static final int MIN_PASSWORD_LENGTH = 12;
    /** Compared against when the username is unknown, so that a miss costs the same time as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash(Secrets.random(24));

    private final GatewayConfig config;
    private final Clock clock;

    StaffService(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public sealed interface LoginOutcome {
    }

    /** @param sessionToken the cookie value; only its hash is stored */
    public record LoggedIn(String sessionToken, String csrfToken, Principal principal, Instant expiresAt) implements LoginOutcome {
    }

    public record WrongCredentials() implements LoginOutcome {
    }

    public record Locked(Instant until) implements LoginOutcome {
    }

    /** A live session as the request path needs it. */
    public record SessionState(Principal principal, String csrfToken, Instant expiresAt) {
    }

    @Transactional
    public LoginOutcome login(String username, String password) {
        Instant now = clock.instant();
        StaffAccountEntity account = username == null ? null : StaffAccountEntity.findByUsername(username);
        if (account == null) {
            BcryptUtil.matches(password == null ? "" : password, DUMMY_HASH);
            return new WrongCredentials();
        }
        if (account.lockedUntil != null && account.lockedUntil.isAfter(now)) {
            return new Locked(account.lockedUntil);
        }
        if (password == null || !BcryptUtil.matches(password, account.passwordHash)) {
            account.failedLogins++;
            if (account.failedLogins >= config.staff().maxFailedLogins()) {
                account.lockedUntil = now.plus(config.staff().lockoutDuration());
                account.failedLogins = 0;
                LOG.warnf("Staff account %s locked until %s after repeated failed logins", account.id, account.lockedUntil);
                return new Locked(account.lockedUntil);
            }
            return new WrongCredentials();
        }
        account.failedLogins = 0;
        account.lockedUntil = null;
        account.lastLoginAt = now;

        String sessionToken = Secrets.random(SESSION_TOKEN_LENGTH);
        StaffSessionEntity session = new StaffSessionEntity();
        session.id = UUID.randomUUID();
        session.tokenHash = Secrets.sha256(sessionToken);
        session.account = account;
        session.csrfToken = Secrets.random(CSRF_TOKEN_LENGTH);
        session.createdAt = now;
        session.expiresAt = now.plus(config.staff().sessionLifetime());
        session.persist();
        LOG.infof("Staff account %s logged in", account.id);
        return new LoggedIn(sessionToken, session.csrfToken, principal(account), session.expiresAt);
    }

    @Transactional
    public void logout(String sessionTokenHash) {
        StaffSessionEntity.delete("tokenHash", sessionTokenHash);
    }

    @Transactional
    public Optional<SessionState> findSession(String sessionTokenHash) {
        Optional<StaffSessionEntity> session = StaffSessionEntity.find("tokenHash", sessionTokenHash).firstResultOptional();
        return session.map(s -> new SessionState(principal(s.account), s.csrfToken, s.expiresAt));
    }

    @Transactional
    public boolean anyAccountExists() {
        return StaffAccountEntity.count() > 0;
    }

    @Transactional
    public StaffAccountEntity createAccount(String username, String password, Role role, List<String> countries,
                                            List<String> communities) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{3,100}")) {
            throw RequestRejected.invalid("username", "username must be 3 to 100 letters, digits or . _ @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw RequestRejected.invalid("password", "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (StaffAccountEntity.findByUsername(username) != null) {
            throw new RequestRejected(ProblemType.CONFLICT, "A staff account named " + username + " exists");
        }
        Scopes scopes = Scopes.validated(role, countries, communities);
        StaffAccountEntity account = new StaffAccountEntity();
        account.id = UUID.randomUUID();
        account.username = username;
        account.passwordHash = BcryptUtil.bcryptHash(password);
        account.role = role.group();
        account.countries = scopes.countries();
        account.communities = scopes.communities();
        account.createdAt = clock.instant();
        account.persist();
        return account;
    }

    @Transactional
    public List<StaffAccountEntity> list(int page, int size) {
        return StaffAccountEntity.<StaffAccountEntity>findAll(Sort.by("createdAt").and("id")).page(page, size).list();
    }

    @Transactional
    public StaffAccountEntity require(UUID accountId) {
        StaffAccountEntity account = StaffAccountEntity.findById(accountId);
        if (account == null) {
            throw new RequestRejected(ProblemType.NOT_FOUND, "No staff account " + accountId);
        }
        return account;
    }

    /** Ends a lock-out and the failure count, for an administrator who has checked who is asking. */
    @Transactional
    public void unlock(UUID accountId) {
        StaffAccountEntity account = require(accountId);
        account.lockedUntil = null;
        account.failedLogins = 0;
    }

    @Transactional
    public void deleteExpiredSessions() {
        StaffSessionEntity.delete("expiresAt < ?1", clock.instant());
    }

    private static Principal principal(StaffAccountEntity account) {
        Role role = Role.fromGroup(account.role).orElseThrow();
        return Principal.staff(account.id, account.username, role, account.countries, account.communities);
    }
}
