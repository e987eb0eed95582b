package io.medsync.nextgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The resources of a Bundle (searchset, collection, transaction or message; R4 and DSTU2 share the JSON shape) as
 * medsync reads them. A message's or document's nested Bundles are flattened into it. References between entries
 * are resolved the way FHIR defines ("Resolving references in Bundles"): a reference equal to an entry's
 * {@code fullUrl} ({@code urn:uuid:…}, an absolute URL) becomes {@code Type/key}; a relative one stays as it is. An
 * entry without an id is keyed by its fullUrl (the UUID of a {@code urn:uuid:}, the id at the end of an absolute
 * URL), so the key is stable across runs. A PractitionerRole in the Bundle stands for its practitioner: US Core and
 * e-prescription messages name the prescriber through one.
 */
final class BundleEntries {

    /** One entry: its position ("entry 3", "entry 1.entry 0" inside a nested Bundle) and its resource, if any. */
    record Entry(String position, JsonNode resource) {
    }

    private static final Pattern URN_UUID = Pattern.compile("^urn:uuid:([0-9a-fA-F-]{36})$");
    private static final Pattern URN_OID = Pattern.compile("^urn:oid:([0-2](?:\\.[0-9]+)+)$");
    /** An absolute RESTful URL: {base}/{Type}/{id}[/_history/{version}]. */
    private static final Pattern RESTFUL_URL = Pattern.compile(
            "^https?://.+/([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?$");

    private BundleEntries() {
    }

    /** Every entry of the Bundle and of the Bundles it holds, in document order, references resolved. */
    static List<Entry> of(JsonNode bundle) {
        List<Raw> raw = new ArrayList<>();
        flatten(bundle, "", raw);
        Map<String, String> byFullUrl = new HashMap<>();
        for (Raw r : raw) {
            String key = r.key();
            if (r.fullUrl != null && key != null) {
                byFullUrl.put(r.fullUrl, r.type() + "/" + key);
            }
        }
        Map<String, String> roles = practitionerRoles(raw, byFullUrl);
        List<Entry> entries = new ArrayList<>(raw.size());
        for (Raw r : raw) {
            if (!(r.resource instanceof ObjectNode resource)) {
                entries.add(new Entry(r.position, null));
                continue;
            }
            ObjectNode copy = resource.deepCopy();
            if (!copy.path("id").isTextual() && r.key() != null) {
                copy.put("id", r.key());
            }
            resolve(copy, byFullUrl, roles);
            entries.add(new Entry(r.position, copy));
        }
        return entries;
    }

    private record Raw(String position, String fullUrl, JsonNode resource) {

        String type() {
            return resource.path("resourceType").asText();
        }

        /** The entry's id, else the key its fullUrl gives, else null. */
        String key() {
            if (resource == null || !resource.isObject()) {
                return null;
            }
            JsonNode id = resource.path("id");
            if (id.isTextual()) {
                return id.asText();
            }
            return fullUrl == null ? null : keyOf(fullUrl, type());
        }
    }

    /** The key a fullUrl gives an entry of that type: the UUID, the OID, the id at the end of a RESTful URL. */
    static String keyOf(String fullUrl, String type) {
        Matcher m = URN_UUID.matcher(fullUrl);
        if (m.matches()) {
            return m.group(1).toLowerCase(java.util.Locale.ROOT);
        }
        m = URN_OID.matcher(fullUrl);
        if (m.matches() && m.group(1).length() <= 64) {
            return m.group(1);
        }
        m = RESTFUL_URL.matcher(fullUrl);
        return m.matches() && m.group(1).equals(type) ? m.group(2) : null;
    }

    private static void flatten(JsonNode bundle, String prefix, List<Raw> out) {
        int index = 0;
        for (JsonNode entry : bundle.path("entry")) {
            String position = prefix + "entry " + index++;
            JsonNode resource = entry.path("resource");
            JsonNode fullUrl = entry.path("fullUrl");
            if (resource.isObject() && "Bundle".equals(resource.path("resourceType").asText())) {
                flatten(resource, position + ".", out);
            } else {
                out.add(new Raw(position, fullUrl.isTextual() ? fullUrl.asText() : null,
                        resource.isObject() ? resource : null));
            }
        }
    }

    /**
     * The id of the practitioner a PractitionerRole read on its own names ({@code practitioner.reference}
     * "Practitioner/{id}" or an absolute URL of one), or null when it is not a PractitionerRole or names none.
     */
    static String practitionerOfRole(String roleJson) {
        JsonNode role;
        try {
            role = new com.fasterxml.jackson.databind.ObjectMapper().readTree(roleJson);
        } catch (java.io.IOException e) {
            return null;
        }
        if (role == null || !"PractitionerRole".equals(role.path("resourceType").asText())) {
            return null;
        }
        String reference = role.path("practitioner").path("reference").asText("");
        Matcher absolute = RESTFUL_URL.matcher(reference);
        String[] relative = reference.split("/");
        String id = absolute.matches() && "Practitioner".equals(absolute.group(1)) ? absolute.group(2)
                : relative.length == 2 && "Practitioner".equals(relative[0]) ? relative[1] : null;
        return FhirElements.isFhirId(id) ? id : null;
    }

    /** Each PractitionerRole's fullUrl and relative reference → the reference of its practitioner. */
    private static Map<String, String> practitionerRoles(List<Raw> raw, Map<String, String> byFullUrl) {
        Map<String, String> roles = new HashMap<>();
        for (Raw r : raw) {
            if (r.resource == null || !"PractitionerRole".equals(r.type()) || r.key() == null) {
                continue;
            }
            JsonNode practitioner = r.resource.path("practitioner").path("reference");
            if (!practitioner.isTextual()) {
                continue;
            }
            String target = byFullUrl.getOrDefault(practitioner.asText(), practitioner.asText());
            roles.put("PractitionerRole/" + r.key(), target);
            if (r.fullUrl != null) {
                roles.put(r.fullUrl, target);
            }
        }
        return roles;
    }

    /** Rewrites every {@code reference} in the resource (contained resources included) that names an entry. */
    private static void resolve(JsonNode node, Map<String, String> byFullUrl, Map<String, String> roles) {
        if (node instanceof ObjectNode object) {
            JsonNode reference = object.get("reference");
            if (reference != null && reference.isTextual()) {
                String target = byFullUrl.getOrDefault(reference.asText(), reference.asText());
                object.put("reference", roles.getOrDefault(target, roles.getOrDefault(reference.asText(), target)));
            }
            object.elements().forEachRemaining(child -> resolve(child, byFullUrl, roles));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> resolve(child, byFullUrl, roles));
        }
    }
}
