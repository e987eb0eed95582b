package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.medsync.pipeline.SyncJobRunner;
import io.medsync.pipeline.SyncOutcome;
import io.medsync.pipeline.SyncRun;
import io.medsync.sandbox.NovaMedSandbox;
import io.medsync.sandbox.SandboxLauncher;
import io.medsync.testing.CleanSlate;
import io.quarkus.test.junit.QuarkusTest;

/** A dump of the whole ledger database holds no seeded personal data in clear text. */
@QuarkusTest
class LedgerAtRestTest {

    @Inject
    SyncJobRunner runner;

    @Inject
    SandboxLauncher sandbox;

    @Inject
    DataSource dataSource;

    @Test
    void theRawDatabaseDumpContainsNoSeededPhi() throws Exception {
        CleanSlate.reset(sandbox, dataSource);
        // Rejections and a broken practitioner put payloads in dead letters and parked rows: what must be encrypted.
        sandbox.novaMed().faults().respondWith(NovaMedSandbox.PATIENT_PATH, 20, 400,
                "{\"success\":false,\"error\":{\"message\":\"Validation error\"}}");
        SyncRun run = runner.runAllTenants();
        assertThat(run.total(SyncOutcome.FAILED)).isGreaterThan(20);
        assertThat(run.total(SyncOutcome.PARKED)).isPositive();

        // Encoded is not encrypted: the payload columns decoded from base64 must not reveal anything either.
        String dump = dump() + "\n" + decodedPayloads();
        assertThat(dump).contains("INSERT INTO").contains("DEAD_LETTER");
        for (long id : sandbox.nexHealth().patientIds()) {
            for (String phi : phiValues(sandbox.nexHealth().patient(id).orElseThrow())) {
                assertThat(dump).as("clear-text PHI of patient %s in the database", id).doesNotContain(phi);
            }
        }
    }

    private String dump() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private String decodedPayloads() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select payload from dead_letter where payload is not null union all"
                        + " select payload from ledger_record where payload is not null")) {
            while (rs.next()) {
                out.append(new String(java.util.Base64.getDecoder().decode(rs.getString(1)),
                        java.nio.charset.StandardCharsets.UTF_8)).append('\n');
            }
        }
        assertThat(out).as("payloads were stored").isNotEmpty();
        return out.toString();
    }

    private static List<String> phiValues(ObjectNode person) {
        JsonNode bio = person.path("bio");
        return Stream.of(person.path("first_name"), person.path("last_name"), person.path("email"),
                        bio.path("date_of_birth"), bio.path("phone_number"), bio.path("cell_phone_number"),
                        bio.path("address_line_1"), bio.path("street_address"))
                .filter(JsonNode::isTextual).map(JsonNode::asText)
                // Short values (a 4-letter surname) also occur in SQL keywords and base64 text by chance.
                .filter(v -> v.length() >= 7)
                .toList();
    }
}
