package io.medsync.nextgen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * What the R4 and DSTU2 readers share: the Bundle walk (its JSON shape is the same in both versions) and parsing one
 * resource with HAPI. Each entry is parsed on its own, so one unreadable entry costs that entry, not the page.
 */
abstract class HapiReader implements FhirReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What wraps or reports on the records rather than being one, and PractitionerRole (read only to resolve the
     * practitioner it names, {@link BundleEntries}): skipped without a word.
     */
    private static final Set<String> ENVELOPE = Set.of("OperationOutcome", "MessageHeader", "PractitionerRole");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("^[A-Z][A-Za-z0-9]{1,63}$");

    private final FhirContext context;
    private final Map<String, Function<IBaseResource, Object>> converters;

    /**
     * @param converters by resource type: the neutral record of a parsed resource of that type (its id is present)
     */
    HapiReader(FhirContext context, Map<String, Function<IBaseResource, Object>> converters) {
        this.context = context;
        this.converters = converters;
    }

    @Override
    public FhirPage searchPage(String bundleJson) {
        JsonNode bundle = readJson(bundleJson);
        String type = resourceType(bundle);
        if (!"Bundle".equals(type)) {
            throw new FhirFormatException(type == null ? "body is not a FHIR resource (no resourceType)"
                    : "body is a FHIR " + type + ", not a Bundle");
        }
        List<Object> records = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        Map<String, Integer> unread = new TreeMap<>();
        for (BundleEntries.Entry entry : BundleEntries.of(bundle)) {
            JsonNode resource = entry.resource();
            String entryType = resource == null ? null : resourceType(resource);
            if (resource == null) {
                malformed.add(new Malformed(null, null, entry.position() + " has no resource"));
            } else if (entryType != null && ENVELOPE.contains(entryType)) {
                continue;
            } else if (entryType != null && !converters.containsKey(entryType)) {
                unread.merge(entryType, 1, Integer::sum);
            } else {
                try {
                    records.add(read(resource));
                } catch (FhirFormatException e) {
                    malformed.add(new Malformed(entryType, fhirId(resource.path("id")),
                            entry.position() + ": " + e.getMessage()));
                }
            }
        }
        JsonNode total = bundle.path("total");
        return new FhirPage(records, malformed, nextLink(bundle), total.isIntegralNumber() ? total.asInt() : null,
                unread);
    }

    @Override
    public Object resource(String resourceJson) {
        return read(readJson(resourceJson));
    }

    private Object read(JsonNode resource) {
        String type = resourceType(resource);
        if (type == null) {
            throw new FhirFormatException("resource has no valid resourceType");
        }
        Function<IBaseResource, Object> converter = converters.get(type);
        if (converter == null) {
            throw new FhirFormatException(type + " is not a resource type medsync reads from FHIR " + version());
        }
        IBaseResource parsed;
        try {
            parsed = parser().parseResource(withoutNarrative(resource).toString());
        } catch (DataFormatException | IllegalArgumentException e) {
            // HAPI's messages can quote element values: never pass them on.
            throw new FhirFormatException(type + " could not be parsed as FHIR " + version());
        }
        if (parsed.getIdElement() == null || parsed.getIdElement().getIdPart() == null) {
            throw new FhirFormatException(type + " has no id");
        }
        if (!FhirElements.isFhirId(parsed.getIdElement().getIdPart())) {
            // Ids become ledger keys and appear in logs: one that is free text could carry PHI.
            throw new FhirFormatException(type + " id is not a FHIR id");
        }
        try {
            return judgedAsWritten(converter.apply(parsed), resource);
        } catch (RuntimeException e) {
            // Safety net: an unforeseen shape costs this entry, not the page, and the message quotes nothing.
            throw new FhirFormatException(type + " could not be read (unexpected " + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /**
     * The resource without its narratives ({@code text}, also in contained resources): medsync never reads them, and
     * HAPI refuses a whole resource whose XHTML it cannot parse (a vendor's backslashes in {@code text.div}).
     */
    private static JsonNode withoutNarrative(JsonNode resource) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = resource.deepCopy();
        copy.remove("text");
        for (JsonNode contained : copy.path("contained")) {
            if (contained instanceof com.fasterxml.jackson.databind.node.ObjectNode c) {
                c.remove("text");
            }
        }
        return copy;
    }

    /**
     * Values medsync checks itself, taken as written: a lenient parse drops a value its type refuses (refills "1.5"
     * in an integer element), and the mapper must see it to refuse the record rather than send it without.
     */
    private static Object judgedAsWritten(Object record, JsonNode resource) {
        if (!(record instanceof FhirMedicationOrder order)) {
            return record;
        }
        JsonNode refills = resource.path("dispenseRequest").path("numberOfRepeatsAllowed");
        if (refills.isValueNode() && !refills.isNull()) {
            order = order.withRefills(refills.asText());
        }
        // A status code of another version or a vendor's ("suspended") is dropped by the lenient parse; the mapper
        // names it in its reason instead of calling the status missing.
        JsonNode status = resource.path("status");
        return status.isTextual() && !status.asText().isBlank() ? order.withStatus(status.asText()) : order;
    }

    /**
     * A fresh parser per call (HAPI parsers are not thread-safe). Lenient: an unknown element or an invalid value in
     * a field medsync does not use must not cost the record (the mappers check the fields they use). Silent: HAPI's
     * log lines quote the offending values.
     */
    private IParser parser() {
        LenientErrorHandler lenient = new LenientErrorHandler(false);
        lenient.setErrorOnInvalidValue(false);
        return context.newJsonParser().setParserErrorHandler(lenient);
    }

    private static JsonNode readJson(String json) {
        if (json == null || json.isBlank()) {
            throw new FhirFormatException("body is empty");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new FhirFormatException("body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new FhirFormatException("body is not valid JSON");
        }
    }

    /**
     * The resourceType when it has the shape of a FHIR type name, else null: it is quoted in messages, so free text
     * someone put there must not be.
     */
    private static String resourceType(JsonNode resource) {
        JsonNode type = resource.path("resourceType");
        return type.isTextual() && RESOURCE_TYPE.matcher(type.asText()).matches() ? type.asText() : null;
    }

    /** The id when it is a FHIR id, else null, for the same reason. */
    private static String fhirId(JsonNode id) {
        return id.isTextual() && FhirElements.isFhirId(id.asText()) ? id.asText() : null;
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()
                    && !link.path("url").asText().isBlank()) {
                return link.path("url").asText();
            }
        }
        return null;
    }
}
