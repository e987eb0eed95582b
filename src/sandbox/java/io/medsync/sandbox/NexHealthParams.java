package io.medsync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Query-parameter parsing shared by the NexHealth handlers. A client mistake becomes a {@link BadParameter} (400)
 * whose message names the parameter and never echoes its value (values may be PHI, e.g. a name filter).
 */
final class NexHealthParams {

    static final int MAX_PER_PAGE = 1000;
    static final int DEFAULT_PER_PAGE = 5;

    private static final DateTimeFormatter NEXHEALTH_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    private NexHealthParams() {
    }

    /** A client mistake in the query; becomes a 400. */
    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    /** Paging and incremental-sync parameters shared by the cursor-paged list endpoints. */
    record Paging(CursorPager.Sort sort, int perPage, String startCursor, String endCursor, Instant updatedSince) {

        static Paging from(SandboxRequest request) {
            CursorPager.Sort sort = CursorPager.Sort.parse(request.query("sort"))
                    .orElseThrow(() -> new BadParameter("sort does not have a valid value"));
            int perPage = optionalLong(request, "per_page").map(Long::intValue).orElse(DEFAULT_PER_PAGE);
            if (perPage < 1 || perPage > MAX_PER_PAGE) {
                throw new BadParameter("per_page must be between 1 and " + MAX_PER_PAGE);
            }
            String start = emptyToNull(request.query("start_cursor"));
            String end = emptyToNull(request.query("end_cursor"));
            if (start != null && end != null) {
                throw new BadParameter("start_cursor and end_cursor are mutually exclusive");
            }
            return new Paging(sort, perPage, start, end, optionalDateTime(request, "updated_since").orElse(null));
        }

        /** Items whose updated_at is at or after {@code updated_since} (all items without it). */
        Predicate<ObjectNode> updatedSinceFilter() {
            if (updatedSince == null) {
                return item -> true;
            }
            return item -> !Instant.parse(item.get("updated_at").asText()).isBefore(updatedSince);
        }

        CursorPager.Page page(List<ObjectNode> matching) {
            try {
                return CursorPager.page(matching, sort, perPage, startCursor, endCursor);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("Invalid cursor");
            }
        }
    }

    /** Accepts what the spec recommends: ISO-8601 date-times, {@code YYYY-MM-DDThh:mm:ss+0000} and plain dates. */
    static Optional<Instant> optionalDateTime(SandboxRequest request, String name) {
        String value = request.query(name);
        return value == null ? Optional.empty() : Optional.of(parseDateTime(name, value));
    }

    static Instant requiredDateTime(SandboxRequest request, String name) {
        if (isBlank(request.query(name))) {
            throw new BadParameter(name + " is missing");
        }
        return parseDateTime(name, request.query(name));
    }

    static Instant parseDateTime(String name, String value) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return OffsetDateTime.parse(v, NEXHEALTH_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next format
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name + " is not a valid date-time");
        }
    }

    static Optional<Long> optionalLong(SandboxRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " is invalid");
        }
    }

    static Optional<Boolean> optionalBoolean(SandboxRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            return Optional.empty();
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        throw new BadParameter(name + " is invalid");
    }

    /** {@code ids[]} is form style without explode in the spec: {@code ids[]=1,2}; repeated keys work too. */
    static Optional<List<Long>> optionalIds(SandboxRequest request, String name) {
        List<String> values = request.queryParams().get(name);
        if (values == null) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        try {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        ids.add(Long.parseLong(part.trim()));
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new BadParameter(name + " is invalid");
        }
        return Optional.of(ids);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
