package io.medsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * NexHealth-style cursor paging over an in-memory list. A cursor is an opaque base64url token holding the sort key
 * (updated_at, id) of an item, so paging stays correct while items change between requests.
 */
final class CursorPager {

    /** The {@code sort} values NexHealth documents; a leading dash means descending. */
    enum Sort {
        ID(Comparator.comparingLong(Key::id)),
        ID_DESC(Comparator.comparingLong(Key::id).reversed()),
        UPDATED_AT(Comparator.comparing(Key::updatedAt).thenComparingLong(Key::id)),
        UPDATED_AT_DESC(Comparator.comparing(Key::updatedAt).thenComparingLong(Key::id).reversed());

        final Comparator<Key> order;

        Sort(Comparator<Key> order) {
            this.order = order;
        }

        static Optional<Sort> parse(String value) {
            if (value == null || value.isEmpty()) {
                return Optional.of(ID);
            }
            switch (value) {
                case "id":
                    return Optional.of(ID);
                case "-id":
                    return Optional.of(ID_DESC);
                case "updated_at":
                    return Optional.of(UPDATED_AT);
                case "-updated_at":
                    return Optional.of(UPDATED_AT_DESC);
                default:
                    return Optional.empty();
            }
        }
    }

    record Key(Instant updatedAt, long id) {
        static Key of(ObjectNode item) {
            return new Key(Instant.parse(item.get("updated_at").asText()), item.get("id").asLong());
        }
    }

    record Page(List<ObjectNode> items, boolean hasPreviousPage, boolean hasNextPage, String startCursor,
            String endCursor) {
    }

    private CursorPager() {
    }

    /**
     * One page of {@code items}. With {@code endCursor} the page starts after that item; with {@code startCursor} it
     * ends before it (paging backwards); with neither it is the first page.
     *
     * @throws IllegalArgumentException for a cursor this pager did not issue
     */
    static Page page(List<ObjectNode> items, Sort sort, int perPage, String startCursor, String endCursor) {
        Comparator<ObjectNode> byKey = Comparator.comparing(Key::of, sort.order);
        List<ObjectNode> sorted = items.stream().sorted(byKey).toList();
        int from;
        int to;
        if (endCursor != null) {
            Key after = decode(endCursor);
            from = (int) sorted.stream().filter(i -> sort.order.compare(Key.of(i), after) <= 0).count();
            to = Math.min(sorted.size(), from + perPage);
        } else if (startCursor != null) {
            Key before = decode(startCursor);
            to = (int) sorted.stream().filter(i -> sort.order.compare(Key.of(i), before) < 0).count();
            from = Math.max(0, to - perPage);
        } else {
            from = 0;
            to = Math.min(sorted.size(), perPage);
        }
        List<ObjectNode> page = sorted.subList(from, to);
        return new Page(List.copyOf(page), from > 0, to < sorted.size(),
                page.isEmpty() ? null : encode(Key.of(page.get(0))),
                page.isEmpty() ? null : encode(Key.of(page.get(page.size() - 1))));
    }

    static String encode(Key key) {
        String raw = key.updatedAt().toEpochMilli() + ":" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Key decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new Key(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    Long.parseLong(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid cursor", e);
        }
    }
}
