package org.sistercities.testsupport.app;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.lang.reflect.Field;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sistercities.testsupport.TestTokens;

/**
 * A test profile restarts the application in a new class loader; the servers must not start again in it.
 */
@QuarkusTest
@TestProfile(OtherProfileTest.OtherProfile.class)
class OtherProfileTest {

    public static class OtherProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-timeout", "20s");
        }
    }

    @Test
    void anApplicationWithAnotherProfileUsesTheJvmWideServers() throws Exception {
        given().header("Authorization", TestTokens.bearer(TestTokens.hqAdmin()))
                .when().get("/probe").then().statusCode(200);

        for (String holder : new String[] {"SharedPostgres:server", "SharedKafka:broker"}) {
            String[] parts = holder.split(":");
            Class<?> local = Class.forName("org.sistercities.testsupport." + parts[0]);
            Class<?> jvmWide = Class.forName(local.getName(), false, ClassLoader.getSystemClassLoader());
            assertNotSame(jvmWide, local, "this application has its own copy of " + parts[0]);
            assertNull(staticField(local, parts[1]), "its own copy started nothing");
            assertNotNull(staticField(jvmWide, parts[1]), "the JVM-wide copy holds the running server");
        }
    }

    private static Object staticField(Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }
}
