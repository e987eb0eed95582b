package io.medsync.nextgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RxNorm clinical (SCD) or branded (SBD) drug name read by its grammar:
 * {@code [quantity unit] ingredient strength [/ ingredient strength]... dose-form [\[Brand\]]}, e.g.
 * "0.3 ML Epinephrine 1 MG/ML Auto-Injector" (a 0.3 mL auto-injector of epinephrine 1 mg/mL), "12 HR Metformin
 * hydrochloride 500 MG Extended Release Oral Tablet", "Acetaminophen 325 MG / Hydrocodone Bitartrate 5 MG Oral
 * Tablet". The leading quantity (volume, or hours of release) is not a strength. Packs ("{21 (...) } Pack") have
 * no single strength and give none.
 *
 * @param quantity the leading quantity ("0.3 mL", "12 hr"), or null
 * @param strength the strengths of the ingredients, " / "-joined ("1 mg/mL", "325 mg / 5 mg"), or null
 * @param form     the dose form ("Auto-Injector", "Extended Release Oral Tablet"), or null
 */
record RxNormName(String quantity, String strength, String form) {

    private static final String NUMBER = "\\d+(?:\\.\\d+)?";
    private static final String UNIT = "(?:MG|MCG|G|ML|L|MEQ|MMOL|UNT|IU|%|HR|ACTUAT|CELLS|BAU|AU|PNU|SQ-HPU|MG\\*HR"
            + "|UNT\\*HR|MIU|CFU|LF|TCID50|PFU)";
    /** "1 MG/ML", "250 MG/5ML", "0.05 MG/ACTUAT", "100 UNT/ML", "0.025 MG/HR", "50 MG/MG". */
    private static final Pattern AMOUNT = Pattern.compile("(?<![\\w.])(" + NUMBER + ") (" + UNIT + ")(?:/("
            + NUMBER + ")? ?(" + UNIT + "))?(?![\\w])");
    private static final Pattern BRAND = Pattern.compile("\\s*\\[[^\\]]*\\]\\s*$");

    /** The name read by the grammar; a name that is not an RxNorm drug name gives all nulls. */
    static RxNormName parse(String name) {
        if (name == null || name.isBlank() || name.strip().startsWith("{")) {
            return new RxNormName(null, null, null);
        }
        String s = BRAND.matcher(name.strip()).replaceFirst("");
        Matcher m = AMOUNT.matcher(s);
        String quantity = null;
        List<String> strengths = new ArrayList<>();
        int end = -1;
        while (m.find()) {
            String amount = amount(m);
            if (m.start() == 0 && strengths.isEmpty() && quantity == null && m.group(3) == null
                    && m.group(4) == null && m.end() < s.length()) {
                quantity = amount; // "0.3 ML Epinephrine ...", "12 HR Metformin ...": before the ingredient
            } else {
                strengths.add(amount);
                end = m.end();
            }
        }
        String form = end < 0 ? null : s.substring(end).strip();
        return new RxNormName(quantity, strengths.isEmpty() ? null : String.join(" / ", strengths),
                form == null || form.isEmpty() ? null : form);
    }

    private static String amount(Matcher m) {
        String amount = m.group(1) + " " + unit(m.group(2));
        if (m.group(4) != null) {
            amount += "/" + (m.group(3) == null ? "" : m.group(3) + " ") + unit(m.group(4));
        }
        return amount;
    }

    /** RxNorm's upper-case units as a label writes them. */
    private static String unit(String rx) {
        return switch (rx) {
            case "ML" -> "mL";
            case "L" -> "L";
            case "MEQ" -> "mEq";
            case "UNT" -> "units";
            case "IU" -> "IU";
            case "ACTUAT" -> "actuation";
            case "MIU" -> "million units";
            case "%" -> "%";
            default -> rx.toLowerCase(Locale.ROOT);
        };
    }
}
