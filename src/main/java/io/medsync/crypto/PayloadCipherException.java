package io.medsync.crypto;

/** A payload could not be opened (unknown key, wrong key, tampered data or wrong context). Names the key id only. */
public class PayloadCipherException extends RuntimeException {

    public PayloadCipherException(String message) {
        super(message);
    }
}
