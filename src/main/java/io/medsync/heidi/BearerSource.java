package io.medsync.heidi;

/** Where a Heidi call gets its bearer JWT, and whom it tells when Heidi refused that JWT (so it is renewed once). */
public interface BearerSource {

    String token();

    void rejected(String token);
}
