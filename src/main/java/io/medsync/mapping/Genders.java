package io.medsync.mapping;

import java.util.Locale;
import java.util.regex.Pattern;

/** NexHealth's free-text {@code bio.gender} to NovaMed's enum {@code male|female|other|unknown}. */
public final class Genders {

    public static final String MALE = "male";
    public static final String FEMALE = "female";
    public static final String OTHER = "other";
    public static final String UNKNOWN = "unknown";

    /** Compiled once, not on every record as String.replaceAll does. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");

    private Genders() {
    }

    /** Never null: anything unrecognised is "unknown" (gender is required by NovaMed but must not block a sync). */
    public static String toNovaMed(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String key = SEPARATORS.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        switch (key) {
            case "female", "f", "woman":
                return FEMALE;
            case "male", "m", "man":
                return MALE;
            case "other", "nonbinary", "nb", "x":
                return OTHER;
            default:
                return UNKNOWN;
        }
    }
}
