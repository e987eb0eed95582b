package io.medsync.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** USPS two-letter codes for the 50 states, DC and the inhabited territories, from codes or full names. */
public final class UsStates {

    /** Compiled once (before the table below is keyed with it), not on every call as String.replaceAll does. */
    private static final Pattern SPACES_AND_DASHES = Pattern.compile("[\\s\\-]+");
    private static final Map<String, String> BY_KEY;
    private static final Set<String> CODES;

    static {
        String[][] table = {
                { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" },
                { "CA", "California" }, { "CO", "Colorado" }, { "CT", "Connecticut" }, { "DE", "Delaware" },
                { "FL", "Florida" }, { "GA", "Georgia" }, { "HI", "Hawaii" }, { "ID", "Idaho" },
                { "IL", "Illinois" }, { "IN", "Indiana" }, { "IA", "Iowa" }, { "KS", "Kansas" },
                { "KY", "Kentucky" }, { "LA", "Louisiana" }, { "ME", "Maine" }, { "MD", "Maryland" },
                { "MA", "Massachusetts" }, { "MI", "Michigan" }, { "MN", "Minnesota" }, { "MS", "Mississippi" },
                { "MO", "Missouri" }, { "MT", "Montana" }, { "NE", "Nebraska" }, { "NV", "Nevada" },
                { "NH", "New Hampshire" }, { "NJ", "New Jersey" }, { "NM", "New Mexico" }, { "NY", "New York" },
                { "NC", "North Carolina" }, { "ND", "North Dakota" }, { "OH", "Ohio" }, { "OK", "Oklahoma" },
                { "OR", "Oregon" }, { "PA", "Pennsylvania" }, { "RI", "Rhode Island" },
                { "SC", "South Carolina" }, { "SD", "South Dakota" }, { "TN", "Tennessee" }, { "TX", "Texas" },
                { "UT", "Utah" }, { "VT", "Vermont" }, { "VA", "Virginia" }, { "WA", "Washington" },
                { "WV", "West Virginia" }, { "WI", "Wisconsin" }, { "WY", "Wyoming" },
                { "DC", "District of Columbia" }, { "DC", "Washington DC" },
                { "AS", "American Samoa" }, { "GU", "Guam" }, { "MP", "Northern Mariana Islands" },
                { "PR", "Puerto Rico" }, { "VI", "US Virgin Islands" }, { "VI", "Virgin Islands" },
                { "VI", "United States Virgin Islands" } };
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String[] row : table) {
            byKey.put(key(row[0]), row[0]);
            byKey.put(key(row[1]), row[0]);
        }
        BY_KEY = Collections.unmodifiableMap(byKey);
        CODES = Set.copyOf(byKey.values());
    }

    private UsStates() {
    }

    /** The USPS code for a code or full name (any case, dots and extra spaces ignored: "d.c.", "new  york"). */
    public static Optional<String> toCode(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(key(raw)));
    }

    /** Whether {@code code} is exactly one of the supported upper-case codes. */
    public static boolean isCode(String code) {
        return code != null && CODES.contains(code);
    }

    private static String key(String s) {
        String plain = s.toLowerCase(Locale.ROOT).replace(".", "").replace(",", " ");
        return SPACES_AND_DASHES.matcher(plain).replaceAll(" ").strip();
    }
}
