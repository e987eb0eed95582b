package io.medsync.sandbox;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A NexHealth answer before serialisation: status, the content type the spec declares for it, and the envelope
 * {@code {code, description, error[], data, ...}}. {@link NexHealthSandbox} turns it into a {@link SandboxResponse}.
 */
record NexHealthReply(int status, String contentType, ObjectNode body) {

    /** The content type the spec declares for most v20240412 operations. */
    static final String JSON = "application/json";
    /** The legacy media type the spec declares for /authenticates, /appointments/{id} and /webhook_endpoints. */
    static final String LEGACY = "application/vnd.Nexhealth+json;version=2";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static NexHealthReply ok(int status, String contentType, String description, JsonNode data) {
        ObjectNode body = NODES.objectNode();
        body.put("code", true);
        body.put("description", description);
        body.putArray("error");
        body.set("data", data);
        return new NexHealthReply(status, contentType, body);
    }

    static NexHealthReply list(String contentType, String description, List<ObjectNode> items) {
        ArrayNode data = NODES.arrayNode();
        items.forEach(data::add);
        NexHealthReply reply = ok(200, contentType, description, data);
        reply.body().put("count", items.size());
        return reply;
    }

    static NexHealthReply page(String description, CursorPager.Page page) {
        ArrayNode data = NODES.arrayNode();
        page.items().forEach(data::add);
        NexHealthReply reply = ok(200, JSON, description, data);
        ObjectNode pageInfo = reply.body().putObject("page_info");
        pageInfo.put("has_previous_page", page.hasPreviousPage());
        pageInfo.put("has_next_page", page.hasNextPage());
        pageInfo.put("start_cursor", page.startCursor());
        pageInfo.put("end_cursor", page.endCursor());
        return reply;
    }

    /** NexHealth's error envelope ({@code API_Errors_*}): code false, data null, messages in {@code error}. */
    static NexHealthReply error(int status, String contentType, String description, String message) {
        ObjectNode body = NODES.objectNode();
        body.put("code", false);
        body.put("description", description);
        body.putNull("data");
        body.putArray("error").add(message);
        return new NexHealthReply(status, contentType, body);
    }

    static NexHealthReply badRequest(String contentType, String message) {
        return error(400, contentType, "Bad Request", message);
    }

    static NexHealthReply notFound(String contentType, String message) {
        return error(404, contentType, "Not Found", message);
    }

    static NexHealthReply forbiddenLocation(String contentType) {
        return error(403, contentType, "Forbidden", "Location not accessible");
    }
}
