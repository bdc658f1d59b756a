package io.callrec.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The objects of one rendering of the chart, with look-ups for the assertions. */
record RenderedChart(List<HasMetadata> objects) {

    /** A pod-owning object (Deployment, StatefulSet, Job) and its pod template. */
    record Workload(HasMetadata owner, PodTemplateSpec template) {

        String component() {
            return template.getMetadata().getLabels().get("app.kubernetes.io/component");
        }

        PodSpec pod() {
            return template.getSpec();
        }

        List<Container> allContainers() {
            List<Container> all = new ArrayList<>(pod().getContainers());
            if (pod().getInitContainers() != null) {
                all.addAll(pod().getInitContainers());
            }
            return all;
        }

        /** The single main container of a callrec service. */
        Container mainContainer() {
            assertEquals(1, pod().getContainers().size(), () -> owner.getMetadata().getName() + " has one container");
            return pod().getContainers().get(0);
        }

        String describe() {
            return owner.getKind() + "/" + owner.getMetadata().getName();
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseGet(() -> fail("no " + type.getSimpleName() + " named " + name + " in "
                + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    /** Objects of a component (by the app.kubernetes.io/component label). */
    <T extends HasMetadata> List<T> ofComponent(Class<T> type, String component) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getLabels() != null
                        && component.equals(o.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .toList();
    }

    List<Workload> workloads() {
        return Stream.of(
                all(Deployment.class).stream().map(d -> new Workload(d, d.getSpec().getTemplate())),
                all(StatefulSet.class).stream().map(s -> new Workload(s, s.getSpec().getTemplate())),
                all(Job.class).stream().map(j -> new Workload(j, j.getSpec().getTemplate())))
                .flatMap(s -> s)
                .toList();
    }

    Workload workload(String component) {
        List<Workload> matching = workloads().stream().filter(w -> component.equals(w.component())).toList();
        assertEquals(1, matching.size(), () -> "one workload for component " + component);
        return matching.get(0);
    }

    boolean hasComponent(String component) {
        return objects.stream().anyMatch(o -> o.getMetadata().getLabels() != null
                && component.equals(o.getMetadata().getLabels().get("app.kubernetes.io/component")));
    }

    // ------------------------------------------------------------------ container helpers

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }

    /** The literal value of an environment variable; fails if it is missing or comes from a reference. */
    static String envValue(Container container, String name) {
        EnvVar env = env(container, name).orElseGet(() -> fail(container.getName() + " has no env " + name));
        assertNotNull(env.getValue(), () -> container.getName() + " env " + name + " has a literal value");
        return env.getValue();
    }

    /** A probe or Service port (number or name) resolved against the container's declared ports. */
    static int resolvePort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseGet(() -> fail(container.getName() + " declares no port named " + port.getStrVal()));
    }

    // ------------------------------------------------------------------ unknown fields

    /**
     * Paths of fields the model classes did not know (they land in "additionalProperties"): a
     * misspelt or misplaced key in a template.
     */
    List<String> unknownFields() {
        List<String> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (HasMetadata object : objects) {
            collectUnknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), found, seen);
        }
        return found;
    }

    private static void collectUnknownFields(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, found, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            String name = getter.getName();
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, node);
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + " " + extra.keySet());
                }
            } else {
                collectUnknownFields(value, path + "." + name.substring(3), found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected <" + needle + "> in:\n" + haystack);
    }
}
