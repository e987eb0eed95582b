package io.medsync.nextgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.medsync.mapping.Names;
import io.medsync.mapping.Problems;

/**
 * One dosage instruction as sig text. The prescriber's {@code text} is kept as written, and what it does not already
 * say of the as-needed flag and reason, the additional instructions and the patient instruction is appended. Without
 * a text, the sig is rendered from the structured elements, always in the same order: "{method|Take} {dose}
 * {route} {frequency} {days} {events} {times} {over duration} [as needed [for reason]] {count} {bounds}", then the
 * additional and patient instructions. Nothing is invented: a dose without a unit takes the medication's countable
 * dose form ("1 tablet") or the instruction is refused.
 */
final class SigRenderer {

    /** Route displays (SNOMED CT or plain) as label words; any other route is written "via {route}". */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("oral", "by mouth"), Map.entry("oral use", "by mouth"), Map.entry("po", "by mouth"),
            Map.entry("by mouth", "by mouth"), Map.entry("sublingual", "under the tongue"),
            Map.entry("buccal", "in the cheek"), Map.entry("topical", "topically"),
            Map.entry("cutaneous", "on the skin"), Map.entry("transdermal", "on the skin"),
            Map.entry("respiratory tract", "by inhalation"), Map.entry("inhalation", "by inhalation"),
            Map.entry("intramuscular", "intramuscularly"), Map.entry("im", "intramuscularly"),
            Map.entry("subcutaneous", "subcutaneously"), Map.entry("sc", "subcutaneously"),
            Map.entry("intravenous", "intravenously"), Map.entry("iv", "intravenously"),
            Map.entry("rectal", "rectally"), Map.entry("per rectum", "rectally"), Map.entry("vaginal", "vaginally"),
            Map.entry("per vagina", "vaginally"), Map.entry("ophthalmic", "in the eye"),
            Map.entry("nasal", "in the nose"), Map.entry("otic", "in the ear"), Map.entry("auricular", "in the ear"));

    private SigRenderer() {
    }

    /**
     * @param index    0-based position of the instruction, for reasons ("dosageInstruction[2]")
     * @param formUnit the medication's countable dose form ("tablet"), or null
     * @return the sig, or null when it cannot be rendered (the reasons are in {@code problems})
     */
    static String render(FhirDosage d, int index, String formUnit, Problems problems) {
        String field = "medication order dosageInstruction[" + index + "]";
        String text = Names.clean(d.text());
        List<String> parts = new ArrayList<>();
        if (text != null) {
            parts.add(stripEnd(text));
            String asNeeded = asNeeded(d);
            if (asNeeded != null && !(saysAsNeeded(text) && (d.asNeededReason() == null
                    || SigWords.says(text, SigWords.plain(d.asNeededReason()))))) {
                parts.add(asNeeded);
            }
        } else {
            if (!d.hasDose()) {
                problems.add(field + " has neither text nor a dose");
                return null;
            }
            String dose = DosePhrase.of(d, formUnit);
            if (dose == null) {
                problems.add(field + " dose has no unit and the medication states no countable dose form");
                return null;
            }
            List<String> words = new ArrayList<>();
            String method = SigWords.plain(d.method());
            words.add(method == null ? "Take" : capitalised(method));
            words.add(dose);
            String route = route(d.route());
            if (route != null) {
                words.add(route);
            }
            String site = SigWords.plain(d.site());
            if (site != null) {
                words.add("(site: " + site + ")");
            }
            words.addAll(TimingPhrase.schedule(d.timing()));
            String asNeeded = asNeeded(d);
            if (asNeeded != null) {
                words.add(asNeeded);
            }
            words.addAll(TimingPhrase.extent(d.timing()));
            parts.add(String.join(" ", words));
            text = parts.get(0);
        }
        for (String extra : d.additionalInstructions()) {
            String instruction = SigWords.plain(extra);
            if (instruction != null && !SigWords.says(text, instruction)) {
                parts.add(stripEnd(instruction));
            }
        }
        String patient = Names.clean(d.patientInstruction());
        if (patient != null && !SigWords.says(text, patient)) {
            parts.add(stripEnd(patient));
        }
        return String.join("; ", parts);
    }

    private static String asNeeded(FhirDosage d) {
        if (!d.asNeeded()) {
            return null;
        }
        String reason = SigWords.plain(d.asNeededReason());
        return reason == null ? "as needed" : "as needed for " + reason;
    }

    private static boolean saysAsNeeded(String text) {
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        return t.contains(" as needed ") || t.contains(" prn ") || t.contains(" when needed ")
                || t.contains(" if needed ");
    }

    private static String route(String display) {
        String r = SigWords.plain(display);
        if (r == null) {
            return null;
        }
        String key = r.toLowerCase(Locale.ROOT).replaceFirst("\\s+route$", "").strip();
        return ROUTES.getOrDefault(key, "via " + r);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Without a closing full stop or semicolon, so that instructions can be joined. */
    static String stripEnd(String s) {
        return s.replaceAll("[\\s.;]+$", "");
    }
}
