package io.medsync.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the action an ops endpoint performs in the audit trail (e.g. {@code dead-letter.replay}). Every
 * non-GET ops request and every PHI read is audited whether or not it carries this; the name only reads better than
 * the Java method's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    String value();
}
