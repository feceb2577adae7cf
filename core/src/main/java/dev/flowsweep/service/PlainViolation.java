package dev.flowsweep.service;

import jakarta.validation.ConstraintTarget;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.ValidationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A violation found by a check in plain code ({@link Checks}), shaped as Jakarta Bean Validation shapes one: a
 * property path of one property node ({@code limit}, {@code actor}, {@code batchSize}), the invalid value, the
 * message, and a constraint descriptor whose annotation says which bound was crossed ({@code @Min}, {@code @Max} or
 * {@code @Size}), so that a host maps it to its own error format like any other violation. Immutable.
 */
final class PlainViolation implements ConstraintViolation<Object> {
    private final String property;
    private final Object invalidValue;
    private final Object rootBean;
    private final ConstraintDescriptor<?> descriptor;
    private final String message;

    PlainViolation(String property, Object invalidValue, Object rootBean, Annotation constraint, String message) {
        this.property = property;
        this.invalidValue = invalidValue;
        this.rootBean = rootBean;
        this.descriptor = new Descriptor<>(constraint);
        this.message = message;
    }

    /** The annotation {@code type} on the field {@code field} of {@code owner} (a record component's annotation). */
    static <A extends Annotation> A annotationOf(Class<?> owner, String field, Class<A> type) {
        try {
            A annotation = owner.getDeclaredField(field).getAnnotation(type);
            if (annotation == null) {
                throw new IllegalStateException(owner.getSimpleName() + "." + field + " has no @" + type.getSimpleName());
            }
            return annotation;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(owner.getSimpleName() + " has no field " + field, e);
        }
    }

    /** {@code @Max(value)}: the cap of one service, which no class declares. */
    static Max max(long value) {
        return new MaxValue(value);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getMessageTemplate() {
        return message;
    }

    @Override
    public Object getRootBean() {
        return rootBean;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Object> getRootBeanClass() {
        return (Class<Object>) (rootBean == null ? BulkDeleteService.class : rootBean.getClass());
    }

    @Override
    public Object getLeafBean() {
        return rootBean;
    }

    @Override
    public Object[] getExecutableParameters() {
        return null;
    }

    @Override
    public Object getExecutableReturnValue() {
        return null;
    }

    @Override
    public Path getPropertyPath() {
        return new PropertyPath(property);
    }

    @Override
    public Object getInvalidValue() {
        return invalidValue;
    }

    @Override
    public ConstraintDescriptor<?> getConstraintDescriptor() {
        return descriptor;
    }

    @Override
    public <U> U unwrap(Class<U> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new ValidationException("a violation of a Flowsweep check is not a " + type.getName());
    }

    @Override
    public String toString() {
        return "PlainViolation{" + property + ": " + message + "}";
    }

    /** A path of one property. */
    private record PropertyPath(String name) implements Path {
        @Override
        public Iterator<Node> iterator() {
            return List.<Node>of(new Property(name)).iterator();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Property(String name) implements Path.PropertyNode {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isInIterable() {
            return false;
        }

        @Override
        public Integer getIndex() {
            return null;
        }

        @Override
        public Object getKey() {
            return null;
        }

        @Override
        public ElementKind getKind() {
            return ElementKind.PROPERTY;
        }

        @Override
        public <T extends Path.Node> T as(Class<T> nodeType) {
            if (nodeType.isInstance(this)) {
                return nodeType.cast(this);
            }
            throw new ClassCastException("a property node is not a " + nodeType.getName());
        }

        @Override
        public Class<?> getContainerClass() {
            return null;
        }

        @Override
        public Integer getTypeArgumentIndex() {
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Describes one annotation as a constraint of the default group, with no composing constraints. */
    private record Descriptor<A extends Annotation>(A annotation) implements ConstraintDescriptor<A> {
        @Override
        public A getAnnotation() {
            return annotation;
        }

        @Override
        public String getMessageTemplate() {
            return (String) getAttributes().get("message");
        }

        @Override
        public Set<Class<?>> getGroups() {
            return Set.of(Default.class);
        }

        @Override
        public Set<Class<? extends Payload>> getPayload() {
            return Set.of();
        }

        @Override
        public ConstraintTarget getValidationAppliesTo() {
            return ConstraintTarget.IMPLICIT;
        }

        @Override
        public List<Class<? extends jakarta.validation.ConstraintValidator<A, ?>>> getConstraintValidatorClasses() {
            return List.of();
        }

        @Override
        public Map<String, Object> getAttributes() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (Method m : annotation.annotationType().getDeclaredMethods()) {
                try {
                    attributes.put(m.getName(), m.invoke(annotation));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + m, e);
                }
            }
            return attributes;
        }

        @Override
        public Set<ConstraintDescriptor<?>> getComposingConstraints() {
            return Set.of();
        }

        @Override
        public boolean isReportAsSingleViolation() {
            return false;
        }

        @Override
        public ValidateUnwrappedValue getValueUnwrapping() {
            return ValidateUnwrappedValue.DEFAULT;
        }

        @Override
        public <U> U unwrap(Class<U> type) {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new ValidationException("a Flowsweep constraint descriptor is not a " + type.getName());
        }
    }

    /** {@code @Max(value)} with Jakarta's default message, group and payload. */
    private record MaxValue(long value) implements Max {
        @Override
        public String message() {
            return "{jakarta.validation.constraints.Max.message}";
        }

        @Override
        public Class<?>[] groups() {
            return new Class<?>[0];
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<? extends Payload>[] payload() {
            return new Class[0];
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return Max.class;
        }
    }
}
