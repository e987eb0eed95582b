package io.medsync.ledger;

public enum SourceSystem {
    NEXHEALTH, NEXTGEN;

    public String label() {
        return name().toLowerCase();
    }
}
