package org.sistercities.gateway.auth;

import io.vertx.core.http.HttpMethod;

/**
 * The gateway's one table of who may reach what. Everything not named here needs authentication, so a new
 * route is closed until someone opens it on purpose.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    public static Access classify(HttpMethod method, String path) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (under(path, "/api/v1/admin")) {
            return Access.HQ_ADMIN;
        }
        // The policy service decides which documents are published; drafts need a token it will not get here.
        if (read && under(path, "/api/v1/policies")) {
            return Access.OPEN;
        }
        // Confirm and unsubscribe links in e-mails must work for people without an account.
        if (under(path, "/api/v1/subscriptions")) {
            return Access.OPEN;
        }
        if (path.equals("/auth/jwks.json") || path.equals("/auth/login")) {
            return Access.OPEN;
        }
        if (read && (path.equals("/") || under(path, "/q") || under(path, "/dashboard")
                || path.equals("/index.html") || path.equals("/favicon.ico"))) {
            return Access.OPEN;
        }
        return Access.AUTHENTICATED;
    }

    /** {@code prefix} itself or anything below it, but not {@code /api/v1/policiesX}. */
    public static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
