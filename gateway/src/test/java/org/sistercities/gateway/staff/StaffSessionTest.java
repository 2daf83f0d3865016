package org.sistercities.gateway.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.auth.Role;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StaffSessionTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Inject
    StaffService staff;

    @Test
    void theFirstAdminFromConfigurationCanLogIn() {
        login("admin", "correct-horse-battery-staple").then().statusCode(200).body("role", equalTo("hq-admin"));
    }

    @Test
    void aSessionCookieIsHttpOnlyStrictAndWorksUntilLogout() {
        String username = newAccount(Role.VIEWER);
        Response login = login(username, PASSWORD);
        login.then().statusCode(200).body("subject", equalTo("staff:" + username));
        Cookie session = login.detailedCookie("sci_session");
        assertTrue(session.isHttpOnly());
        assertThat(session.getSameSite(), equalTo("Strict"));
        String csrf = login.jsonPath().getString("csrfToken");

        given().cookie("sci_session", session.getValue()).get("/auth/me").then().statusCode(200)
                .body("role", equalTo("viewer"));
        // Forwarded with a token like any other principal, and without the cookie.
        given().cookie("sci_session", session.getValue()).get("/api/v1/partnerships").then().statusCode(200)
                .body("headers.cookie", nullValue());

        given().cookie("sci_session", session.getValue()).header("X-CSRF-Token", csrf).post("/auth/logout")
                .then().statusCode(204);
        given().cookie("sci_session", session.getValue()).get("/auth/me").then().statusCode(401);
    }

    @Test
    void aCookieRequestThatChangesStateNeedsTheCsrfToken() {
        String username = newAccount(Role.HQ_ADMIN);
        Response login = login(username, PASSWORD);
        String session = login.getCookie("sci_session");
        String csrf = login.jsonPath().getString("csrfToken");
        Map<String, Object> key = Map.of("name", "n", "owner", "o", "role", "viewer");

        given().cookie("sci_session", session).contentType("application/json").body(key)
                .post("/api/v1/admin/api-keys").then().statusCode(403)
                .body("detail", containsString("X-CSRF-Token"));
        given().cookie("sci_session", session).header("X-CSRF-Token", "forged").contentType("application/json").body(key)
                .post("/api/v1/admin/api-keys").then().statusCode(403);
        given().cookie("sci_session", session).header("X-CSRF-Token", csrf).contentType("application/json").body(key)
                .post("/api/v1/admin/api-keys").then().statusCode(201);
        given().cookie("sci_session", session).contentType("application/json").body("{}")
                .post("/api/v1/partnerships").then().statusCode(403);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
        String username = newAccount(Role.VIEWER);
        for (int i = 0; i < 4; i++) {
            login(username, "wrong-password").then().statusCode(401).body("detail", equalTo("Wrong username or password"));
        }
        login(username, "wrong-password").then().statusCode(401).body("detail", containsString("locked"));
        login(username, PASSWORD).then().statusCode(401).body("detail", containsString("locked"));

        staff.unlock(StaffAccountEntityLookup.id(username));
        login(username, PASSWORD).then().statusCode(200);
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401() {
        login("nobody-" + UUID.randomUUID(), PASSWORD).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void loginOnlyAcceptsJson() {
        given().contentType("application/x-www-form-urlencoded").formParam("username", "admin")
                .formParam("password", "correct-horse-battery-staple")
                .post("/auth/login").then().statusCode(415);
    }

    private String newAccount(Role role) {
        String username = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        staff.createAccount(username, PASSWORD, role, List.of(), List.of());
        return username;
    }

    private static Response login(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .post("/auth/login");
    }
}
