package io.medsync.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth to {@code YYYY-MM-DD}. Only the calendar date as written is kept: converting a datetime between
 * zones can move a birthday by a day, and a birthday has no time zone. The NovaMed contract shows both a datetime
 * and a plain-date example; the plain date is the unambiguous one.
 */
public final class BirthDates {

    /** Output shape, for callers that check results. */
    public static final Pattern VALID = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

    private static final Pattern ISO_DATE = Pattern.compile("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2})$");
    private static final Pattern US_DATE = Pattern.compile("^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$");
    /** Year only or year-month: some EHRs store these, but NovaMed needs a full date and we must not invent one. */
    private static final Pattern PARTIAL = Pattern.compile("^(?:[0-9]{4}(?:-[0-9]{1,2})?|[0-9]{1,2}/[0-9]{4})$");

    private BirthDates() {
    }

    /**
     * Parses {@code raw} ({@code YYYY-MM-DD}, {@code YYYY-MM-DDThh:mm:ss[.SSS]Z} or {@code MM/DD/YYYY}) and returns
     * it as {@code YYYY-MM-DD}.
     *
     * @param field the field name used in failure reasons, e.g. "patient bio.date_of_birth"
     * @throws MappingException "FIELD is missing", "FIELD is partial (year or year-month only)",
     *         "FIELD is not in a recognised date format", "FIELD is not a valid calendar date",
     *         "FIELD is in the future"
     */
    public static String toIsoDate(String raw, LocalDate today, String field) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new MappingException(field + " is missing");
        }
        if (PARTIAL.matcher(s).matches()) {
            throw new MappingException(field + " is partial (year or year-month only)");
        }
        LocalDate date;
        Matcher m;
        if ((m = ISO_DATE.matcher(s)).matches()) {
            date = of(m.group(1), m.group(2), m.group(3), field);
        } else if ((m = ISO_DATE_TIME.matcher(s)).matches()) {
            if (Integer.parseInt(m.group(4)) > 23 || Integer.parseInt(m.group(5)) > 59
                    || Integer.parseInt(m.group(6)) > 59) {
                throw new MappingException(field + " is not in a recognised date format");
            }
            date = of(m.group(1), m.group(2), m.group(3), field);
        } else if ((m = US_DATE.matcher(s)).matches()) {
            date = of(m.group(3), m.group(1), m.group(2), field);
        } else {
            throw new MappingException(field + " is not in a recognised date format");
        }
        if (today != null && date.isAfter(today)) {
            throw new MappingException(field + " is in the future");
        }
        return date.toString(); // ISO-8601 yyyy-MM-dd for 4-digit years
    }

    private static LocalDate of(String year, String month, String day, String field) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException e) {
            // The exception text repeats the value; never propagate it.
            throw new MappingException(field + " is not a valid calendar date");
        }
    }
}
