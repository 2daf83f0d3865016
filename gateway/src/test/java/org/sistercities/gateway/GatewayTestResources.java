package org.sistercities.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.sistercities.testsupport.PostgresTestResource;

/** The external parts every gateway test runs against: its own PostgreSQL database and the fake services. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(FakeUpstreams.class)
public class GatewayTestResources {
}
