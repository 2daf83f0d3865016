package org.sistercities.policy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.sistercities.testsupport.JwtTestResource;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.PostgresTestResource;

/**
 * The real PostgreSQL, Kafka broker and test signing key behind every test of this module. Declared once,
 * here, so that all test classes share one application start.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "policy"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
public class TestInfrastructure {
}
