package io.medsync.mapping;

import java.text.Normalizer;

/**
 * Text normalisation for names and free-text address parts. NFC first, so that "Nguyễn" typed with combining marks
 * and the precomposed form compare, count and serialise the same; the contract's minLength is then checked in code
 * points, so a CJK name such as 山田 counts as 2 and an astral character counts as 1.
 */
public final class Names {

    private Names() {
    }

    /**
     * Returns the NFC-normalised text with control characters turned into spaces, runs of whitespace collapsed to
     * one space and ends trimmed; null when nothing is left. EHR exports sometimes carry tabs or line breaks inside
     * names, which NovaMed would store verbatim.
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfc.length();) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * The cleaned name, required to be at least {@code minCodePoints} characters long.
     *
     * @param field the field name used in failure reasons, e.g. "patient first_name"
     * @throws MappingException "FIELD is missing", "FIELD is shorter than N characters"
     */
    public static String require(String raw, String field, int minCodePoints) {
        String name = clean(raw);
        if (name == null) {
            throw new MappingException(field + " is missing");
        }
        if (codePointLength(name) < minCodePoints) {
            throw new MappingException(field + " is shorter than " + minCodePoints + " characters");
        }
        return name;
    }

    /** Sane bounds where NovaMed's contract states no maxLength: longer text is a source error, not a name. */
    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS_LINE = 200;

    /**
     * The text, refused when longer than {@code maxCodePoints}; null stays null.
     *
     * @throws MappingException "FIELD is longer than N characters"
     */
    public static String bounded(String text, String field, int maxCodePoints) {
        if (text != null && codePointLength(text) > maxCodePoints) {
            throw new MappingException(field + " is longer than " + maxCodePoints + " characters");
        }
        return text;
    }

    /** Length in Unicode code points (what a person would call characters), 0 for null. */
    public static int codePointLength(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }
}
