package io.medsync.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * Every class medsync serialises ({@link SerialisedTypes}) is registered for reflection in a native image, read from
 * the {@code @RegisterForReflection} annotations as Quarkus reads them (the class itself, an enclosing class unless
 * {@code ignoreNested}, or {@code targets}/{@code classNames}). Fast feedback on the JVM; .ci/run then checks the
 * generated native sources themselves ({@link NativeSourcesCheckTest}).
 */
class NativeRegistrationTest {

    private static final String REGISTER = "io.quarkus.runtime.annotations.RegisterForReflection";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = SerialisedTypes.production();
    }

    @Test
    void theCriterionFindsEachKindOfSerialisedClass() {
        assertThat(SerialisedTypes.of(production)).contains(
                "io.medsync.nexhealth.NexHealthPatient",       // a partner payload, Jackson-annotated
                "io.medsync.novamed.NovaMedPatient$Address",   // nested in a payload
                "io.medsync.nextgen.FhirPatient",              // a RecordKind's source type, stored in the ledger
                "io.medsync.kafka.RefillRequest",              // a Kafka request
                "io.medsync.ledger.DeliveryOutcomeEvent",      // a Kafka event
                "io.medsync.ops.DeadLetterView",               // an ops API answer
                "io.medsync.nextgen.TokenResponse",            // a partner's answer, read by its route
                "io.medsync.nexhealth.NexHealthPatientDetail", // inside one
                "io.medsync.tenant.FhirVersion");              // an enum a stored record holds
        assertThat(SerialisedTypes.of(production)).doesNotContain(
                "io.medsync.pipeline.Delivery", "io.medsync.tenant.Tenant");
    }

    @Test
    void everySerialisedClassIsRegisteredForReflection() {
        Set<String> missing = new TreeSet<>(SerialisedTypes.of(production));
        missing.removeAll(registered(production));
        assertThat(missing)
                .as("serialised classes without @RegisterForReflection (annotate them, or their enclosing class)")
                .isEmpty();
    }

    static Set<String> registered(JavaClasses classes) {
        Set<String> registered = new TreeSet<>();
        for (JavaClass c : classes) {
            Optional<JavaClass> annotated = Optional.of(c);
            for (JavaClass outer = c; outer != null; outer = outer.getEnclosingClass().orElse(null)) {
                if (outer.isAnnotatedWith(REGISTER)) {
                    JavaAnnotation<JavaClass> a = outer.getAnnotationOfType(REGISTER);
                    boolean self = outer == c;
                    if (self || !Boolean.TRUE.equals(a.get("ignoreNested").orElse(false))) {
                        annotated.ifPresent(x -> registered.add(x.getName()));
                    }
                    if (self) {
                        a.get("targets").ifPresent(t -> {
                            for (Object target : (Object[]) t) {
                                registered.add(((JavaClass) target).getName());
                            }
                        });
                        a.get("classNames").ifPresent(t -> {
                            for (Object name : (Object[]) t) {
                                registered.add(name.toString());
                            }
                        });
                    }
                }
            }
        }
        return registered;
    }
}
