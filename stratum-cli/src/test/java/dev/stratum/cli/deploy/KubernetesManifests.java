package dev.stratum.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The manifests of deploy/k8s, parsed into fabric8's Kubernetes model classes. A kind or apiVersion that Kubernetes
 * does not have, a misspelt field, or a value of the wrong type fails the parse: fabric8 keeps fields it does not know
 * in {@code additionalProperties} instead of refusing them, so every object of the tree is checked for those.
 */
final class KubernetesManifests {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private final List<HasMetadata> resources;

    private KubernetesManifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Parses every document of every {@code *.yaml} file in {@code dir}. */
    static KubernetesManifests load(Path dir) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                        continue;
                    }
                    Object parsed = serialization.unmarshal(document);
                    String where = dir.relativize(file).toString();
                    assertThat(parsed).as("%s: a resource of a kind and apiVersion Kubernetes has", where)
                            .isInstanceOf(HasMetadata.class).isNotInstanceOf(GenericKubernetesResource.class);
                    assertNoUnknownFields(parsed, where + ": " + ((HasMetadata) parsed).getKind());
                    resources.add((HasMetadata) parsed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KubernetesManifests(resources);
    }

    /** The one resource of {@code type}; fails when there is none or more than one. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("manifests of kind %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** The resource of {@code type} named {@code name}; fails when there is none. */
    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named '" + name + "' in deploy/k8s"));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> resources() {
        return resources;
    }

    /** Walks the model tree through its getters and fails on any object that kept fields it did not recognise. */
    private static void assertNoUnknownFields(Object node, String path) {
        if (node instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                assertNoUnknownFields(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertNoUnknownFields(value, path + "." + key));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("fields that %s has no such field for (misspelt, misplaced or of the "
                        + "wrong type) at %s", node.getClass().getSimpleName(), path).isNullOrEmpty();
            } else {
                assertNoUnknownFields(value, path + "." + propertyName(getter));
            }
        }
    }

    private static boolean isPropertyGetter(Method m) {
        return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("get")
                && m.getDeclaringClass().getName().startsWith(MODEL_PACKAGE) && !m.getReturnType().isPrimitive();
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not read " + getter, e);
        }
    }
}
