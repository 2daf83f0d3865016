package org.sistercities.testsupport.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Stands in for a service: it needs a verified token, its database and its Kafka address. */
@Path("/probe")
public class ProbeResource {

    @Inject
    DataSource dataSource;

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrapServers;

    @GET
    @RolesAllowed({"hq-admin", "country-rep"})
    public String probe() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            Object countries = token.getClaim("countries");
            return String.join("|", rows.getString(1), token.getSubject(), String.valueOf(countries), kafkaBootstrapServers);
        }
    }
}
