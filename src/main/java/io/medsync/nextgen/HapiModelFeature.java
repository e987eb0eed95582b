package io.medsync.nextgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeReflection;
import org.graalvm.nativeimage.hosted.RuntimeResourceAccess;

/**
 * Native image only (named by {@code quarkus.native.additional-build-args}; the JVM never loads it): HAPI FHIR finds
 * its model by reflection. It loads a resource class by the name its version file gives ({@code fhirversion.properties})
 * and reads the {@code @Child} fields of every class it meets. camel-quarkus-fhir used to register these; without it we
 * register, for each FHIR version medsync reads, every class that file names, their nested classes (components,
 * enumerations and their factories) and superclasses, and HAPI's message bundle (its error messages). The version
 * files themselves are listed in {@code quarkus.native.resources.includes}. {@code HapiModelFeatureTest} checks on the JVM that this covers
 * what HAPI actually scans when it parses the resources medsync reads.
 */
public final class HapiModelFeature implements Feature {

    /** The version files of the FHIR structures on the class path: R4 and DSTU2, the versions NextGen serves. */
    public static final List<String> VERSION_FILES = List.of(
            "org/hl7/fhir/r4/hapi/model/fhirversion.properties",
            "ca/uhn/fhir/model/dstu2/fhirversion.properties");

    /** HapiLocalizer reads its messages as a {@link java.util.ResourceBundle}. */
    public static final String MESSAGE_BUNDLE = "ca.uhn.fhir.i18n.hapi-messages";

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        RuntimeResourceAccess.addResourceBundle(ca.uhn.fhir.i18n.HapiLocalizer.class.getModule(), MESSAGE_BUNDLE);
        for (Class<?> type : modelClasses(access.getApplicationClassLoader())) {
            RuntimeReflection.register(type);
            RuntimeReflection.register(type.getDeclaredConstructors());
            RuntimeReflection.register(type.getDeclaredMethods());
            RuntimeReflection.register(type.getDeclaredFields());
        }
    }

    /** Every model class of the FHIR versions in {@link #VERSION_FILES}, as HAPI may reach it by reflection. */
    public static Set<Class<?>> modelClasses(ClassLoader loader) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String file : VERSION_FILES) {
            for (String name : classNamesIn(file, loader)) {
                try {
                    addWithNestedAndSupertypes(Class.forName(name, false, loader), classes);
                } catch (ClassNotFoundException | LinkageError e) {
                    // A name the version file lists but this structures jar does not ship: HAPI skips it too.
                }
            }
        }
        return classes;
    }

    private static Set<String> classNamesIn(String file, ClassLoader loader) {
        Properties names = new Properties();
        try (InputStream in = loader.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the class path: is the FHIR structures jar missing?");
            }
            names.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
        Set<String> classNames = new LinkedHashSet<>();
        names.forEach((key, value) -> {
            if (key.toString().startsWith("resource.") || key.toString().startsWith("datatype.")) {
                classNames.add(value.toString().trim());
            }
        });
        return classNames;
    }

    private static void addWithNestedAndSupertypes(Class<?> type, Set<Class<?>> classes) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (!classes.add(c)) {
                break;
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                addWithNestedAndSupertypes(nested, classes);
            }
        }
    }
}
