package org.sistercities.notifications;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.sistercities.notifications.support.SmtpTestResource;
import org.sistercities.notifications.support.StandInServicesTestResource;
import org.sistercities.testsupport.JwtTestResource;
import org.sistercities.testsupport.KafkaTestResource;
import org.sistercities.testsupport.PostgresTestResource;

/**
 * The real PostgreSQL, Kafka broker, SMTP server, test signing key and the stand-ins for the two services
 * this one calls, behind every test of this module. Declared once, here, so all test classes share one
 * application start.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifications"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(SmtpTestResource.class)
@QuarkusTestResource(StandInServicesTestResource.class)
public class TestInfrastructure {
}
