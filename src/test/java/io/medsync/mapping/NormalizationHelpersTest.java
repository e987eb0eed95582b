package io.medsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizationHelpersTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            5552345678          | 5552345678
            (555) 234-5678      | 5552345678
            555-234-5678        | 5552345678
            555.234.5678        | 5552345678
            +1 555 234 5678     | 5552345678
            1-555-234-5678      | 5552345678
            +15552345678        | 5552345678
            15552345678         | 5552345678
            555-234-5678 x12    | 5552345678
            555-234-5678x12     | 5552345678
            555-234-5678 ext. 12| 5552345678
            555-234-5678 ext 12 | 5552345678
            (555) 234-5678 Ext.1234 | 5552345678
            '  555 234 5678  '  | 5552345678
            +1 (212) 555-0199   | 2125550199
            """)
    void phoneAccepted(String raw, String expected) {
        assertThat(PhoneNumbers.normalize(raw)).contains(expected);
    }

    /**
     * NANP: area code and exchange both start with 2-9. The classic placeholder "555-123-4567" has exchange 123,
     * so it is not a dialable US number and is dropped; the format tests above use exchange 234 instead.
     */
    @ParameterizedTest(name = "[{index}] \"{0}\" rejected (exchange starts with 0/1)")
    @ValueSource(strings = { "5551234567", "(555) 123-4567", "555-123-4567", "+1 555 123 4567", "555-023-4567" })
    void phoneRejectedByNanpExchangeRule(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" rejected")
    @ValueSource(strings = { "555123456", "55523456788", "555-1234", "123", "+44 20 7946 0958", "+52 55 1234 5678",
            "+2 555 234 5678", "25552345678", "055-123-4567", "155-123-4567", "555-023-4567", "555-234-5678-1",
            "555-CALL-NOW", "n/a", "none", "555-234-5678 x", "++15552345678", "5552345678+", "１２３４５６７８９０",
            "555\u0660123\u06614567", "555-234-5678 call after 5", "                                                9" })
    void phoneRejected(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   " })
    void phoneBlank(String raw) {
        assertThat(PhoneNumbers.normalize(raw)).isEmpty();
    }

    @Test
    void phonesDistinctInOrder() {
        assertThat(PhoneNumbers.distinctValid("555-234-5678", null, "bad", "(555) 234-5678", "+1 212 555 0199"))
                .containsExactly("5552345678", "2125550199");
        assertThat(PhoneNumbers.firstValid("x", null, "212.555.0199", "5552345678")).contains("2125550199");
        assertThat(PhoneNumbers.distinctValid((String[]) null)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TX                   | TX
            tx                   | TX
            Texas                | TX
            TEXAS                | TX
            ' new  york '        | NY
            New-Hampshire        | NH
            District of Columbia | DC
            D.C.                 | DC
            'Washington, D.C.'   | DC
            Washington           | WA
            Puerto Rico          | PR
            Guam                 | GU
            American Samoa       | AS
            Northern Mariana Islands | MP
            U.S. Virgin Islands  | VI
            virgin islands       | VI
            """)
    void stateAccepted(String raw, String expected) {
        assertThat(UsStates.toCode(raw)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "XX", "Tex", "T", "Ontario", "ON", "Texas!", "Tëxas" })
    void stateRejected(String raw) {
        assertThat(UsStates.toCode(raw)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            78701       | 78701
            ' 78701 '   | 78701
            78701-1234  | 78701-1234
            787011234   | 78701-1234
            78701 1234  | 78701-1234
            02134       | 02134
            """)
    void zipAccepted(String raw, String expected) {
        assertThat(ZipCodes.normalize(raw)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "2134", "787012", "78701-12", "78701-12345", "ABCDE", "78701--1234", "７８７０１" })
    void zipRejected(String raw) {
        assertThat(ZipCodes.normalize(raw)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Female     | female
            F          | female
            female     | female
            woman      | female
            ' FEMALE ' | female
            Male       | male
            M          | male
            m          | male
            Other      | other
            Non-binary | other
            nonbinary  | other
            X          | other
            Unknown    | unknown
            U          | unknown
            ''         | unknown
            ?          | unknown
            NULL       | unknown
            Fem        | unknown
            """)
    void gender(String raw, String expected) {
        assertThat(Genders.toNovaMed(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1964-05-03               | 1964-05-03
            ' 1964-05-03 '           | 1964-05-03
            1964-05-03T00:00:00Z     | 1964-05-03
            1964-05-03T23:59:59.999Z | 1964-05-03
            1964-05-03T18:30:00.000Z | 1964-05-03
            05/03/1964               | 1964-05-03
            5/3/1964                 | 1964-05-03
            2000-02-29               | 2000-02-29
            2025-06-15               | 2025-06-15
            """)
    void dobAccepted(String raw, String expected) {
        assertThat(BirthDates.toIsoDate(raw, TODAY, "patient bio.date_of_birth")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                 | patient bio.date_of_birth is missing
            ''                   | patient bio.date_of_birth is missing
            '   '                | patient bio.date_of_birth is missing
            1964-05              | patient bio.date_of_birth is partial (year or year-month only)
            1964                 | patient bio.date_of_birth is partial (year or year-month only)
            05/1964              | patient bio.date_of_birth is partial (year or year-month only)
            2025-06-16           | patient bio.date_of_birth is in the future
            2099-01-01T00:00:00Z | patient bio.date_of_birth is in the future
            1999-02-29           | patient bio.date_of_birth is not a valid calendar date
            13/01/1990           | patient bio.date_of_birth is not a valid calendar date
            1990-00-10           | patient bio.date_of_birth is not a valid calendar date
            03-15-1985           | patient bio.date_of_birth is not in a recognised date format
            15.03.1985           | patient bio.date_of_birth is not in a recognised date format
            March 3 1985         | patient bio.date_of_birth is not in a recognised date format
            1985-03-15T25:00:00Z | patient bio.date_of_birth is not in a recognised date format
            1985-03-15T10:00:00  | patient bio.date_of_birth is not in a recognised date format
            85-03-15             | patient bio.date_of_birth is not in a recognised date format
            """)
    void dobRejected(String raw, String reason) {
        assertThatThrownBy(() -> BirthDates.toIsoDate(raw, TODAY, "patient bio.date_of_birth"))
                .isInstanceOf(MappingException.class).hasMessage(reason);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            '  José '        | José
            Zoë              | Zoë
            Øyvind           | Øyvind
            O'Brien          | O'Brien
            'Anne   Marie'   | Anne Marie
            'Anne\tMarie'    | Anne Marie
            """)
    void nameClean(String raw, String expected) {
        assertThat(Names.clean(raw)).isEqualTo(expected);
    }

    @Test
    void nameNfc() {
        String decomposed = "Nguye\u0302\u0303n"; // e + combining circumflex + combining tilde
        assertThat(Names.clean(decomposed)).isEqualTo("Nguy\u1EC5n").hasSize(6);
        assertThat(Names.codePointLength("山田")).isEqualTo(2);
        assertThat(Names.codePointLength("\uD83D\uDE00a")).isEqualTo(2);
        assertThat(Names.clean(" \t\n ")).isNull();
        assertThat(Names.clean(null)).isNull();
        // "A" + combining ring = 2 chars, but NFC makes it 1 code point, so it is too short
        assertThatThrownBy(() -> Names.require("A\u030A", "patient first_name", 2))
                .hasMessage("patient first_name is shorter than 2 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a@b.co", "jose.garcia@example.com", " x.y+tag@mail.example.org ", "o'brien@example.ie" })
    void emailPlausible(String raw) {
        assertThat(Emails.plausible(raw)).contains(raw.strip());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "n/a", "none", "x@y", "@example.com", "a@", "a..b@example.com", ".a@example.com",
            "a@example", "a b@example.com", "a@exa mple.com", "a@-example.com", "josé@example.com",
            "a@example.c0m", "a@@example.com" })
    void emailImplausible(String raw) {
        assertThat(Emails.plausible(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "1234567893", "1234-567-893", " 1234 567 893 ", "1245319599" })
    void npiAccepted(String raw) {
        assertThat(Npis.normalize(raw, "provider npi")).hasSize(10).containsOnlyDigits();
    }

    @Test
    void npiGeneratedCheckDigitsAreValid() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            String base = String.format("%09d", 100_000_000 + r.nextInt(900_000_000));
            String npi = TestData.withCheckDigit(base);
            assertThat(Npis.isValid(npi)).isTrue();
            // Any single-digit change of the check digit breaks it.
            char wrong = (char) ('0' + ((npi.charAt(9) - '0' + 1) % 10));
            assertThat(Npis.isValid(npi.substring(0, 9) + wrong)).isFalse();
        }
        assertThat(Optional.of(Npis.isValid(null))).contains(false);
    }
}
