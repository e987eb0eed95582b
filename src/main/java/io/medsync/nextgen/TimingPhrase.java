package io.medsync.nextgen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link FhirTiming} as sig words, deterministic: frequency and period ("every 6 hours", "twice daily", "1 to 2
 * times daily"), days of week, event timing ({@code when}, with its offset), times of day, administration duration,
 * count, and bounds ("for 7 days", "from 2025-06-01 to 2025-06-14"). Codes it does not know are written as codes
 * rather than dropped.
 */
final class TimingPhrase {

    /** FHIR's event-timing codes (R4 v3 TimingEvent + EventTiming; DSTU2 uses the same codes). */
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("MORN", "in the morning"), Map.entry("MORN.early", "early in the morning"),
            Map.entry("MORN.late", "late in the morning"), Map.entry("NOON", "at noon"),
            Map.entry("AFT", "in the afternoon"), Map.entry("AFT.early", "early in the afternoon"),
            Map.entry("AFT.late", "late in the afternoon"), Map.entry("EVE", "in the evening"),
            Map.entry("EVE.early", "early in the evening"), Map.entry("EVE.late", "late in the evening"),
            Map.entry("NIGHT", "at night"), Map.entry("PHS", "after sleep"), Map.entry("HS", "at bedtime"),
            Map.entry("WAKE", "upon waking"), Map.entry("C", "with meals"), Map.entry("CM", "with breakfast"),
            Map.entry("CD", "with lunch"), Map.entry("CV", "with dinner"), Map.entry("AC", "before meals"),
            Map.entry("ACM", "before breakfast"), Map.entry("ACD", "before lunch"),
            Map.entry("ACV", "before dinner"), Map.entry("PC", "after meals"), Map.entry("PCM", "after breakfast"),
            Map.entry("PCD", "after lunch"), Map.entry("PCV", "after dinner"));

    /** Common timing abbreviations ({@code Timing.code}), used only when the timing has no repeat. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("QD", "once daily"), Map.entry("BID", "twice daily"), Map.entry("TID", "three times daily"),
            Map.entry("QID", "four times daily"), Map.entry("AM", "in the morning"),
            Map.entry("PM", "in the evening"), Map.entry("QOD", "every other day"), Map.entry("Q4H", "every 4 hours"),
            Map.entry("Q6H", "every 6 hours"), Map.entry("Q8H", "every 8 hours"), Map.entry("WK", "once weekly"),
            Map.entry("MO", "once monthly"));

    private static final Map<String, String> DAYS = Map.of("mon", "Monday", "tue", "Tuesday", "wed", "Wednesday",
            "thu", "Thursday", "fri", "Friday", "sat", "Saturday", "sun", "Sunday");

    private TimingPhrase() {
    }

    /** The words before any as-needed clause (frequency, days, events, times, administration duration). */
    static List<String> schedule(FhirTiming t) {
        List<String> words = new ArrayList<>();
        if (t == null) {
            return words;
        }
        String frequency = frequency(t);
        if (frequency != null) {
            words.add(frequency);
        } else if (t.code() != null && t.when().isEmpty() && t.timeOfDay().isEmpty()) {
            words.add(ABBREVIATIONS.getOrDefault(t.code().strip().toUpperCase(Locale.ROOT), t.code().strip()));
        }
        if (!t.dayOfWeek().isEmpty()) {
            words.add("on " + and(t.dayOfWeek().stream().map(d -> DAYS.getOrDefault(d, d)).toList()));
        }
        if (!t.when().isEmpty()) {
            String events = and(t.when().stream().map(w -> EVENTS.getOrDefault(w, "at event " + w)).toList());
            words.add(t.offset() == null ? events : t.offset() + " minutes " + events.replaceFirst("^(at|in|with) ",
                    "from "));
        }
        if (!t.timeOfDay().isEmpty()) {
            words.add("at " + and(t.timeOfDay().stream().map(TimingPhrase::clock).toList()));
        }
        if (t.duration() != null && SigWords.timeUnit(t.durationUnit(), true) != null) {
            words.add("over " + amount(t.duration(), null, t.durationUnit()));
        }
        return words;
    }

    /** The words after any as-needed clause: how many doses and for how long. */
    static List<String> extent(FhirTiming t) {
        List<String> words = new ArrayList<>();
        if (t == null) {
            return words;
        }
        if (t.count() != null) {
            words.add("for " + t.count() + (t.countMax() != null ? " to " + t.countMax() : "")
                    + (t.count() == 1 && t.countMax() == null ? " dose" : " doses"));
        }
        FhirQuantity bounds = t.boundsDuration();
        if (bounds != null && bounds.value() != null) {
            String code = SigWords.timeCode(bounds.unit());
            words.add("for " + (code != null ? amount(bounds.value(), null, code)
                    : SigWords.number(bounds.value()) + (bounds.unit() == null ? "" : " " + bounds.unit())));
        }
        if (t.boundsStart() != null && t.boundsEnd() != null) {
            words.add("from " + t.boundsStart() + " to " + t.boundsEnd());
        } else if (t.boundsStart() != null) {
            words.add("starting " + t.boundsStart());
        } else if (t.boundsEnd() != null) {
            words.add("until " + t.boundsEnd());
        }
        return words;
    }

    /** Frequency per period, or null when the timing states neither. */
    static String frequency(FhirTiming t) {
        Integer f = t.frequency();
        BigDecimal p = t.period();
        String unit = p == null ? null : t.periodUnit();
        if (p != null && SigWords.timeUnit(unit, true) == null) {
            unit = null; // an unknown unit of time: say the numbers, not a guessed unit
        }
        if (p == null) {
            return f == null ? null : times(f, t.frequencyMax());
        }
        boolean onePeriod = SigWords.isOne(p) && t.periodMax() == null;
        if ((f == null || f == 1) && t.frequencyMax() == null) {
            if (onePeriod) {
                return switch (unit == null ? "" : unit) {
                    case "d" -> "once daily";
                    case "wk" -> "once weekly";
                    case "mo" -> "once monthly";
                    case "a" -> "once yearly";
                    case "h" -> "every hour";
                    case "min" -> "every minute";
                    case "s" -> "every second";
                    default -> "every " + amount(p, null, unit);
                };
            }
            return "every " + amount(p, t.periodMax(), unit);
        }
        String times = times(f == null ? 1 : f, t.frequencyMax());
        if (onePeriod) {
            return switch (unit == null ? "" : unit) {
                case "d" -> times + " daily";
                case "wk" -> times + " weekly";
                case "mo" -> times + " monthly";
                case "a" -> times + " yearly";
                default -> times + " per " + (unit == null ? "1" : SigWords.timeUnit(unit, true));
            };
        }
        return times + " every " + amount(p, t.periodMax(), unit);
    }

    private static String times(int f, Integer max) {
        if (max != null) {
            return f + " to " + max + " times";
        }
        return switch (f) {
            case 1 -> "once";
            case 2 -> "twice";
            case 3 -> "three times";
            case 4 -> "four times";
            default -> f + " times";
        };
    }

    /** "6 hours", "4 to 6 hours", "1 day"; without a known unit just the numbers. */
    private static String amount(BigDecimal value, BigDecimal max, String ucum) {
        String n = SigWords.number(value) + (max == null ? "" : " to " + SigWords.number(max));
        String word = SigWords.timeUnit(ucum, SigWords.isOne(value) && max == null);
        return word == null ? n : n + " " + word;
    }

    /** "08:00:00" → "08:00". */
    private static String clock(String time) {
        return time.length() == 8 && time.endsWith(":00") ? time.substring(0, 5) : time;
    }

    static String and(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
