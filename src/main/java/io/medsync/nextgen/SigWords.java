package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.medsync.mapping.Names;

/** The small vocabulary the sig renderers share: numbers, units of time, countable units, coded displays. */
final class SigWords {

    /** SNOMED CT displays end in a semantic tag ("Pain (finding)", "Oral route (qualifier value)"). */
    private static final Pattern SEMANTIC_TAG = Pattern.compile("\\s*\\([a-z /]+\\)$");

    /** Units that count things: they take a plural ("2 tablets"), and a dose form of this kind can be a dose unit. */
    private static final Map<String, String> COUNTABLE = Map.ofEntries(
            Map.entry("tablet", "tablets"), Map.entry("capsule", "capsules"), Map.entry("patch", "patches"),
            Map.entry("suppository", "suppositories"), Map.entry("lozenge", "lozenges"),
            Map.entry("troche", "troches"), Map.entry("film", "films"), Map.entry("wafer", "wafers"),
            Map.entry("pellet", "pellets"), Map.entry("implant", "implants"), Map.entry("insert", "inserts"),
            Map.entry("ring", "rings"), Map.entry("auto-injector", "auto-injectors"),
            Map.entry("syringe", "syringes"), Map.entry("puff", "puffs"), Map.entry("drop", "drops"),
            Map.entry("spray", "sprays"), Map.entry("unit", "units"), Map.entry("application", "applications"),
            Map.entry("actuation", "actuations"), Map.entry("packet", "packets"), Map.entry("vial", "vials"),
            Map.entry("ampule", "ampules"), Map.entry("pen", "pens"));

    /** Abbreviations and UCUM annotations EHRs put in a dose unit, as the word a label uses. */
    private static final Map<String, String> UNIT_WORDS = Map.ofEntries(
            Map.entry("tab", "tablet"), Map.entry("tabs", "tablet"), Map.entry("tbl", "tablet"),
            Map.entry("tablets", "tablet"), Map.entry("cap", "capsule"), Map.entry("caps", "capsule"),
            Map.entry("capsules", "capsule"), Map.entry("puffs", "puff"), Map.entry("drp", "drop"),
            Map.entry("drops", "drop"), Map.entry("gtt", "drop"), Map.entry("iu", "unit"), Map.entry("u", "unit"),
            Map.entry("units", "unit"), Map.entry("unt", "unit"), Map.entry("ml", "mL"), Map.entry("l", "L"),
            Map.entry("meq", "mEq"), Map.entry("ug", "mcg"), Map.entry("actuat", "actuation"),
            Map.entry("patches", "patch"), Map.entry("supp", "suppository"), Map.entry("app", "application"));

    /** UCUM units of time: singular and plural words. */
    private static final Map<String, String[]> TIME_UNITS = Map.of(
            "s", new String[] { "second", "seconds" }, "min", new String[] { "minute", "minutes" },
            "h", new String[] { "hour", "hours" }, "d", new String[] { "day", "days" },
            "wk", new String[] { "week", "weeks" }, "mo", new String[] { "month", "months" },
            "a", new String[] { "year", "years" });

    private SigWords() {
    }

    /** "200", "0.5", never "2E+2". */
    static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static boolean isOne(BigDecimal value) {
        return value != null && BigDecimal.ONE.compareTo(value) == 0;
    }

    /** A coded display as running text: cleaned, semantic tag removed, "Pain" → "pain" (but "HIV" stays). */
    static String plain(String display) {
        String s = Names.clean(display);
        if (s == null) {
            return null;
        }
        s = SEMANTIC_TAG.matcher(s).replaceFirst("");
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s.isBlank() ? null : s;
    }

    /** A dose unit as a label writes it: "{tbl}" / "TAB" → "tablet", "ml" → "mL"; null for none or UCUM's "1". */
    static String unit(String raw) {
        String u = Names.clean(raw);
        if (u == null) {
            return null;
        }
        u = u.replaceAll("^[{\\[](.*)[}\\]]$", "$1").replace("[", "").replace("]", "").strip();
        if (u.isEmpty() || u.equals("1")) {
            return null;
        }
        String key = u.toLowerCase(Locale.ROOT);
        if (UNIT_WORDS.containsKey(key)) {
            return UNIT_WORDS.get(key);
        }
        return COUNTABLE.containsKey(key) ? key : u;
    }

    /** "tablet" → "tablets" for an amount other than one; other units unchanged ("2 mg", "2 mL"). */
    static String unitFor(String unit, boolean one) {
        return one || !COUNTABLE.containsKey(unit) ? unit : COUNTABLE.get(unit);
    }

    /**
     * The countable unit a dose form stands for ("Oral Tablet", "Extended Release Oral Capsule", "Oral tablet (dose
     * form)", "Transdermal System" → tablet, capsule, tablet, patch), or null when the form is not countable (a
     * solution, a cream): a bare dose number of such a form has no meaning.
     */
    static String countableForm(String form) {
        String f = plain(form);
        if (f == null) {
            return null;
        }
        f = f.toLowerCase(Locale.ROOT);
        if (f.contains("transdermal system")) {
            return "patch";
        }
        if (f.contains("auto-injector")) {
            return "auto-injector";
        }
        if (f.contains("syringe")) {
            return "syringe";
        }
        List<String> words = List.of(f.split("[\\s,]+"));
        for (int i = words.size() - 1; i >= 0; i--) {
            String w = UNIT_WORDS.getOrDefault(words.get(i), words.get(i));
            if (COUNTABLE.containsKey(w) && !w.equals("unit") && !w.equals("spray") && !w.equals("drop")) {
                return w;
            }
        }
        return null;
    }

    /** "day"/"days" for a UCUM unit of time; null for anything else. */
    static String timeUnit(String ucum, boolean one) {
        String[] words = ucum == null ? null : TIME_UNITS.get(ucum.strip());
        return words == null ? null : words[one ? 0 : 1];
    }

    /** The UCUM code of a written unit of time ("days", "Day", "wk", "weeks") or null. */
    static String timeCode(String unit) {
        if (unit == null) {
            return null;
        }
        String u = unit.strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String[]> e : TIME_UNITS.entrySet()) {
            if (e.getKey().equals(u) || e.getValue()[0].equals(u) || e.getValue()[1].equals(u)) {
                return e.getKey();
            }
        }
        return switch (u) {
            case "hr", "hrs" -> "h";
            case "sec" -> "s";
            case "mins" -> "min";
            case "yr", "yrs" -> "a";
            default -> null;
        };
    }

    /** Whether the text already says the phrase (case- and space-insensitive). */
    static boolean says(String text, String phrase) {
        return normalised(text).contains(normalised(phrase));
    }

    private static String normalised(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
