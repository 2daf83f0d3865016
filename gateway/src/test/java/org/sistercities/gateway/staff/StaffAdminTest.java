package org.sistercities.gateway.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sistercities.gateway.Credentials;
import org.sistercities.gateway.auth.Role;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class StaffAdminTest {

    private static final String STAFF = "/api/v1/admin/staff";
    private static final String PASSWORD = "a-long-enough-password";

    @Inject
    StaffService staff;
    @Inject
    Credentials credentials;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Credentials.bearer(credentials.adminKey());
    }

    @Test
    void anAdministratorListsAccountsWithTheirScopeLockAndLastLoginButNeverAHash() {
        String rep = newAccount(Role.COUNTRY_REP, List.of("RU", "BY"));
        String locked = newAccount(Role.VIEWER, List.of());
        for (int i = 0; i < 5; i++) {
            login(locked, "wrong-password");
        }
        login(rep, PASSWORD).then().statusCode(200);

        String body = given().header("Authorization", admin).queryParam("size", 500).get(STAFF).then()
                .statusCode(200)
                .body("username", hasItem("admin"))
                .body("find { it.username == '" + rep + "' }.role", equalTo("country-rep"))
                .body("find { it.username == '" + rep + "' }.countries", equalTo(List.of("RU", "BY")))
                .body("find { it.username == '" + rep + "' }.lastLoginAt", notNullValue())
                .body("find { it.username == '" + rep + "' }.lockedUntil", nullValue())
                .body("find { it.username == '" + locked + "' }.lockedUntil", notNullValue())
                .body("find { it.username == '" + locked + "' }.lastLoginAt", nullValue())
                .extract().asString();
        assertThat(body, not(containsString("$2a$")));
        assertThat(body, not(containsString("password")));
    }

    @Test
    void oneAccountByIdAndAnUnknownIdIs404() {
        String username = newAccount(Role.COUNTRY_REP, List.of("FR"));
        UUID id = StaffAccountEntityLookup.id(username);
        given().header("Authorization", admin).get(STAFF + "/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("username", equalTo(username))
                .body("role", equalTo("country-rep"))
                .body("countries", equalTo(List.of("FR")))
                .body("createdAt", notNullValue())
                .body("passwordHash", nullValue());
        given().header("Authorization", admin).get(STAFF + "/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pagesAreStableAndBounded() {
        newAccount(Role.VIEWER, List.of());
        newAccount(Role.VIEWER, List.of());
        List<String> first = given().header("Authorization", admin).queryParam("size", 1).get(STAFF).then()
                .statusCode(200).body("$", hasSize(1)).extract().path("id");
        List<String> second = given().header("Authorization", admin).queryParam("page", 1).queryParam("size", 1).get(STAFF)
                .then().statusCode(200).body("$", hasSize(1)).extract().path("id");
        assertThat(second, not(equalTo(first)));
        given().header("Authorization", admin).queryParam("size", 0).get(STAFF).then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", admin).queryParam("page", -1).get(STAFF).then().statusCode(400);
    }

    @Test
    void onlyHeadquartersAdministratorsSeeStaffAccounts() {
        given().get(STAFF).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Credentials.bearer(credentials.key("viewer"))).get(STAFF).then()
                .statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Credentials.bearer(credentials.issue("country-rep", List.of("RU"), List.of()).key())).get(STAFF + "/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    private String newAccount(Role role, List<String> countries) {
        String username = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        staff.createAccount(username, PASSWORD, role, countries, List.of());
        return username;
    }

    private static Response login(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .post("/auth/login");
    }
}
