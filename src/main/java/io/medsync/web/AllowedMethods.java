package io.medsync.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each of our resource paths serves, read once from the JAX-RS annotations of the resource beans: the
 * {@code Allow} header of a 405 (the framework's 405 carries none).
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class)) {
            Path classPath = bean.getBeanClass().getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method m : bean.getBeanClass().getMethods()) {
                String httpMethod = httpMethodOf(m);
                if (httpMethod != null) {
                    Path methodPath = m.getAnnotation(Path.class);
                    routes.add(new Route(template(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value())),
                            httpMethod));
                }
            }
        }
    }

    /** E.g. {@code "GET, HEAD"}; empty when no resource of ours serves the path. */
    public String allowFor(String path) {
        Set<String> methods = new TreeSet<>();
        String normalised = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        routes.stream().filter(r -> r.path().matcher(normalised).matches()).forEach(r -> methods.add(r.method()));
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return String.join(", ", methods);
    }

    private static String httpMethodOf(Method m) {
        for (var annotation : m.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/ops/in-doubt//{id}/delivered" → ^/ops/in-doubt/[^/]+/delivered$ */
    private static Pattern template(String raw) {
        String path = raw.replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
