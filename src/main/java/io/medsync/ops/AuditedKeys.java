package io.medsync.ops;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

/** The record keys (ids, never PHI) an ops request touched, for its audit entry. */
@RequestScoped
public class AuditedKeys {

    private final List<String> keys = new ArrayList<>();

    public void mention(Object key) {
        keys.add(String.valueOf(key));
    }

    List<String> keys() {
        return List.copyOf(keys);
    }
}
