package io.medsync.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The classes of medsync that Jackson reads or writes, found in the compiled production classes, so that a native
 * image can be checked to register every one of them for reflection. A class is serialised when
 * <ol>
 * <li>it, one of its fields (record components), methods or constructors carries a Jackson annotation
 * ({@code com.fasterxml.jackson.annotation}: every payload of a partner API, Kafka and the ops API names its JSON
 * fields that way);</li>
 * <li>a {@code RecordKind} names it as its {@code sourceType()} (the ledger stores the source record as JSON and reads
 * it back for a replay);</li>
 * <li>a JAX-RS resource method takes or returns it (the ops, webhook and Heidi endpoints);</li>
 * <li>it is created in a method that calls, in its own class, a method that takes an {@code Object} and writes it
 * with Jackson's {@code writeValue…}, and is not what the creating method returns (the outbox builds each Kafka event
 * and appends it as JSON);</li>
 * <li>a class that names partner answer types ({@code PartnerRequest.answeredAs}, read by Camel Jackson in the
 * partner route) refers to it as a class literal ({@code NovaMedAnswer.class}); or</li>
 * <li>a serialised class holds it in a field, directly or as a type argument ({@code List<Item>}).</li>
 * </ol>
 */
final class SerialisedTypes {

    private static final String JACKSON = "com.fasterxml.jackson.annotation.";
    private static final String JAX_RS = "jakarta.ws.rs.";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    private SerialisedTypes() {
    }

    /** The compiled production classes: not the tests, not the simulators. */
    static JavaClasses production() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .withImportOption(location -> !location.contains("/io/medsync/sandbox/"))
                .importPackages("io.medsync");
    }

    /** Binary names ({@code a.b.Outer$Inner}) of every serialised class of medsync. */
    static Set<String> of(JavaClasses classes) {
        Deque<JavaClass> roots = new ArrayDeque<>();
        for (JavaClass c : classes) {
            if (jacksonAnnotated(c)) {
                roots.add(c);
            }
            for (JavaMethod m : c.getMethods()) {
                if (m.getName().equals("sourceType") && c.isAssignableTo("io.medsync.pipeline.RecordKind")) {
                    m.getReferencedClassObjects().forEach(ref -> roots.add(ref.getRawType()));
                }
                if (m.getAnnotations().stream().anyMatch(a -> a.getRawType().getPackageName().equals("jakarta.ws.rs")
                        && HTTP_METHODS.contains(a.getRawType().getSimpleName()))) {
                    roots.add(m.getRawReturnType());
                    m.getParameterTypes().forEach(p -> roots.addAll(p.getAllInvolvedRawTypes()));
                    roots.addAll(m.getReturnType().getAllInvolvedRawTypes());
                }
            }
        }
        roots.addAll(createdForWriting(classes));
        roots.addAll(answerTypes(classes));
        Set<String> serialised = new TreeSet<>();
        while (!roots.isEmpty()) {
            JavaClass c = roots.pop();
            if (!ours(c) || !serialised.add(c.getName())) {
                continue;
            }
            c.getFields().stream().filter(f -> !f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC))
                    .map(f -> f.getType()).map(JavaType::getAllInvolvedRawTypes).forEach(roots::addAll);
        }
        return serialised;
    }

    private static Set<JavaClass> createdForWriting(JavaClasses classes) {
        Set<JavaClass> created = new java.util.HashSet<>();
        for (JavaClass c : classes) {
            Set<JavaCodeUnit> writers = new java.util.HashSet<>();
            for (JavaCodeUnit u : c.getCodeUnits()) {
                boolean takesAnyObject = u.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(Object.class));
                if (takesAnyObject && u.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTarget().getName().startsWith("writeValue")
                                && call.getTargetOwner().getPackageName().equals("com.fasterxml.jackson.databind"))) {
                    writers.add(u);
                }
            }
            for (JavaCodeUnit u : c.getCodeUnits()) {
                boolean writes = u.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().equals(c) && call.getTarget().resolveMember()
                                .filter(writers::contains).isPresent());
                if (writes) {
                    u.getConstructorCallsFromSelf().stream().map(call -> call.getTargetOwner())
                            .filter(JavaClass::isRecord).filter(r -> !r.equals(u.getRawReturnType()))
                            .forEach(created::add);
                }
            }
        }
        return created;
    }

    private static Set<JavaClass> answerTypes(JavaClasses classes) {
        Set<JavaClass> answers = new java.util.HashSet<>();
        for (JavaClass c : classes) {
            boolean namesAnswers = c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName()
                    .equals("answeredAs") && call.getTargetOwner().getName().equals("io.medsync.http.PartnerRequest"));
            if (namesAnswers) {
                c.getCodeUnits().forEach(u -> u.getReferencedClassObjects().forEach(ref -> answers.add(ref.getRawType())));
            }
        }
        return answers;
    }

    /** The {@code @ConfigMapping} interfaces: Quarkus registers their generated implementations. */
    static Set<String> configMappings(JavaClasses classes) {
        Set<String> mappings = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.isAnnotatedWith("io.smallrye.config.ConfigMapping")) {
                mappings.add(c.getName());
            }
        }
        return mappings;
    }

    private static boolean ours(JavaClass c) {
        return c.getPackageName().startsWith("io.medsync") && !c.isInterface() && !c.isAnnotation()
                && !c.isAnnotatedWith(JAX_RS + "Path");
    }

    private static boolean jacksonAnnotated(JavaClass c) {
        Stream<HasAnnotations<?>> elements = Stream.concat(Stream.of(c),
                Stream.<JavaMember>concat(c.getFields().stream(), c.getCodeUnits().stream().map(JavaCodeUnit.class::cast)));
        return elements.anyMatch(e -> e.getAnnotations().stream()
                .anyMatch(a -> a.getRawType().getName().startsWith(JACKSON)));
    }
}
