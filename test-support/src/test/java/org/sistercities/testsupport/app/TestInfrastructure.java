package org.sistercities.testsupport.app;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.sistercities.testsupport.JwtTestResource;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.PostgresTestResource;

/** The one class a service puts in its test sources, as the README shows. */
@QuarkusTestResource(value = PostgresTestResource.class, parallel = true,
        initArgs = @ResourceArg(name = "database", value = "probe"))
@QuarkusTestResource(value = KafkaTestResource.class, parallel = true)
@QuarkusTestResource(JwtTestResource.class)
public class TestInfrastructure {
}
