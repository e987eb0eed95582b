package io.medsync.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Every problem of a configuration, gathered so that start-up reports them all in one message instead of stopping
 * at the first: each line names the property, what is wrong, and the environment variable that sets it.
 */
public final class ConfigProblems {

    private final List<String> lines = new ArrayList<>();

    /** @param problem starts with the property's name, e.g. {@code "medsync.x must be an https:// URL"} */
    public void add(String problem) {
        int end = 0;
        while (end < problem.length() && problem.charAt(end) != ' ' && problem.charAt(end) != ':') {
            end++;
        }
        lines.add(problem + " [env " + envVar(problem.substring(0, end)) + "]");
    }

    public void addAll(ConfigProblems other) {
        lines.addAll(other.lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** @throws ConfigurationException with every problem, one per line (Quarkus prints it without a stack trace) */
    public void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new ConfigurationException(message());
        }
    }

    public String message() {
        StringBuilder message = new StringBuilder("medsync cannot start: ").append(lines.size())
                .append(lines.size() == 1 ? " configuration problem" : " configuration problems");
        lines.forEach(line -> message.append(System.lineSeparator()).append("  - ").append(line));
        return message.toString();
    }

    /**
     * The environment variable that sets {@code property}: every character other than a letter or digit becomes
     * {@code _}, letters upper case (MicroProfile Config's rule). A tenant id with a dash is found that way once it
     * is listed in {@code medsync.tenant-ids}.
     */
    public static String envVar(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
