package io.medsync.nextgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;

/**
 * The native image's HAPI registration ({@link HapiModelFeature}) covers every class HAPI's model scanner reflects on
 * when it defines the resources medsync reads (and the Bundle and OperationOutcome around them), for each FHIR
 * version: a HAPI upgrade that moves or adds a model class fails here, on the JVM, not in a native image in
 * production.
 */
class HapiModelFeatureTest {

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of(FhirContext.forR4(), List.of("Bundle", "OperationOutcome", "Patient", "Practitioner",
                        "MedicationRequest", "Medication")),
                Arguments.of(FhirContext.forDstu2(), List.of("Bundle", "OperationOutcome", "Patient", "Practitioner",
                        "MedicationOrder", "Medication")));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void everyClassHapiScansIsRegistered(FhirContext context, List<String> resourcesRead) {
        Set<Class<?>> registered = HapiModelFeature.modelClasses(getClass().getClassLoader());

        resourcesRead.forEach(context::getResourceDefinition);
        List<Class<?>> scanned = context.getElementDefinitions().stream()
                .map(BaseRuntimeElementDefinition::getImplementingClass)
                .<Class<?>>map(c -> c)
                .toList();

        assertThat(scanned).as("classes HAPI scanned").hasSizeGreaterThan(20);
        assertThat(registered).as("classes the native image registers for reflection").containsAll(scanned);
        resourcesRead.forEach(name -> assertThat(registered)
                .contains(context.getResourceDefinition(name).getImplementingClass()));
    }
}
