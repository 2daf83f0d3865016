package org.sistercities.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void theCopyPasteCommandSendsAValidStatusChange() throws Exception {
        String command = Main.statusCommand("http://127.0.0.1:8080", "sci_key", "0bde657d-ea5e-463e-9513-6078d5a8529f", "SUSPENDED");
        String body = command.substring(command.indexOf("-d '") + 4, command.lastIndexOf('\''));

        JsonNode change = new ObjectMapper().readTree(body);

        assertThat(command).contains("http://127.0.0.1:8080/api/v1/partnerships/0bde657d-ea5e-463e-9513-6078d5a8529f/status-changes")
                .contains("Authorization: Bearer sci_key");
        assertThat(change.path("to").asText()).isEqualTo("SUSPENDED");
        assertThat(change.path("reasonCategory").asText()).isEqualTo("POLITICAL");
        assertThat(change.path("effectiveDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void theBroadcastCommandPipesTheReadyMadeRequestIntoAPost() {
        String command = Main.broadcastCommand("http://127.0.0.1:8080", "sci_admin", "round-table-2022-03-23");

        assertThat(command).contains("/api/v1/broadcasts/examples/round-table-2022-03-23")
                .contains("| curl -X POST 'http://127.0.0.1:8080/api/v1/broadcasts'").contains("--data-binary @-");
    }
}
