package org.sistercities.gateway.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The staff dashboard is static files served by the gateway at {@code /}, with its own security headers. */
@QuarkusTest
class DashboardResourcesTest {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]*? from '([^']+)';");

    @Test
    void theRootServesTheDashboardPageWithARestrictiveContentSecurityPolicy() {
        given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("Cache-Control", equalTo("no-cache"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<script type=\"module\" src=\"/dashboard/app.js\"></script>"))
                .body(containsString("<main id=\"main\""));
    }

    @Test
    void everyModuleTheDashboardImportsIsServedAsJavaScriptWithoutCredentials() {
        Set<String> served = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add("/dashboard/app.js");
        while (!pending.isEmpty()) {
            String path = pending.pop();
            if (!served.add(path)) {
                continue;
            }
            Response response = given().get(path);
            assertThat(path, response.statusCode(), equalTo(200));
            assertThat(path, response.contentType(), anyOf(startsWith("text/javascript"), startsWith("application/javascript")));
            assertThat(path, response.header("Content-Security-Policy"), containsString("script-src 'self'"));
            Matcher imports = IMPORT.matcher(response.asString());
            while (imports.find()) {
                pending.add(java.net.URI.create("http://x" + path).resolve(imports.group(1)).getPath());
            }
        }
        assertThat(served, hasItems("/dashboard/api.js", "/dashboard/ui.js", "/dashboard/charts.js", "/dashboard/markdown.js",
                "/dashboard/views/overview.js", "/dashboard/views/partnerships.js", "/dashboard/views/partnership.js",
                "/dashboard/views/outreach.js", "/dashboard/views/policies.js", "/dashboard/views/broadcasts.js",
                "/dashboard/views/subscribers.js", "/dashboard/views/admin.js"));
    }

    @Test
    void theStylesheetIsCss() {
        given().get("/dashboard/styles.css").then().statusCode(200).contentType(startsWith("text/css"))
                .header("Cache-Control", equalTo("no-cache"));
    }

    @Test
    void anUnknownDashboardFileIsNotFound() {
        given().get("/dashboard/views/nothing.js").then().statusCode(404);
    }

    @Test
    void swaggerUiKeepsItsOwnPolicySinceItNeedsInlineScripts() {
        Response response = given().get("/q/swagger-ui/");
        assertThat(response.statusCode(), equalTo(200));
        assertThat(response.header("Content-Security-Policy"), nullValue());
    }
}
