package io.medsync.heidi;

/** A Heidi region resolved at start-up: where its API lives and its API key. {@link #toString()} hides the key. */
public record HeidiRegion(String name, String baseUrl, String apiKey) {

    @Override
    public String toString() {
        return "HeidiRegion[" + name + "]";
    }
}
