package io.medsync.nextgen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.medsync.mapping.Problems;

/**
 * Every dosage instruction of a prescription as one direction, nothing dropped. FHIR R4 ({@code Dosage.sequence}):
 * "If the sequence number is the same, then it is understood that the instructions are to be treated as
 * concurrent. If the sequence number is different, then the Dosages are intended to be sequential." So instructions
 * are ordered by sequence; a different sequence is the next step (", then "), the same sequence is concurrent
 * (", and "). Without any sequence (always in DSTU2) the instructions keep the order the source gives and are joined
 * by "; ", which asserts neither steps nor concurrency. A sequence on some instructions only leaves their order
 * unknown: the prescription is refused rather than reordered by a guess.
 */
final class DirectionsRenderer {

    static final String THEN = ", then ";
    static final String AND = ", and ";
    static final String UNORDERED = "; ";

    /** Verbs a sig starts with, lower-cased after "then" / "and" ("..., then take 2 tablets"). */
    private static final Set<String> VERBS = Set.of("Take", "Apply", "Inject", "Use", "Instill", "Inhale", "Place",
            "Insert", "Give", "Chew", "Dissolve", "Swallow", "Spray", "Administer", "Rub");

    private DirectionsRenderer() {
    }

    /** @return the direction, or null when any instruction cannot be rendered (the reasons are in problems) */
    static String render(List<FhirDosage> dosages, String formUnit, Problems problems) {
        if (dosages == null || dosages.isEmpty()) {
            problems.add("medication order has no directions (dosageInstruction is missing)");
            return null;
        }
        long sequenced = dosages.stream().filter(d -> d.sequence() != null).count();
        if (sequenced != 0 && sequenced != dosages.size()) {
            problems.add("medication order dosageInstruction.sequence is stated for some instructions only, so "
                    + "their order is unknown");
            return null;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dosages.size(); i++) {
            order.add(i);
        }
        if (sequenced > 0) {
            order.sort(Comparator.comparing(i -> dosages.get(i).sequence())); // stable: equal sequences keep order
        }
        StringBuilder direction = new StringBuilder();
        boolean complete = true;
        Integer previousSequence = null;
        for (int position = 0; position < order.size(); position++) {
            int index = order.get(position);
            FhirDosage d = dosages.get(index);
            String sig = SigRenderer.render(d, index, formUnit, problems);
            if (sig == null) {
                complete = false;
                continue;
            }
            if (direction.length() > 0) {
                direction.append(sequenced == 0 ? UNORDERED
                        : d.sequence().equals(previousSequence) ? AND : THEN);
                sig = sequenced == 0 ? sig : verbInRunningText(sig);
            }
            direction.append(sig);
            previousSequence = d.sequence();
        }
        return complete ? direction.toString() : null;
    }

    private static String verbInRunningText(String sig) {
        int space = sig.indexOf(' ');
        String first = space < 0 ? sig : sig.substring(0, space);
        return VERBS.contains(first) ? Character.toLowerCase(sig.charAt(0)) + sig.substring(1) : sig;
    }
}
