package dev.flowsweep.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link UseDatabase}: resolves {@link TestDatabase} parameters, keeps each database in
 * the store of the scope that first asked for it (so the class's tests share the class's database, and a test that
 * asks alone gets its own), closes — drops — it when that scope ends, and skips a class or test whose database is
 * not available (fails it under {@code FLOWSWEEP_REQUIRE_DBS=1}).
 */
public final class TestDatabaseExtension implements ParameterResolver, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabaseExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<DatabaseKind> kinds = new ArrayList<>();
        context.getTestClass().flatMap(TestDatabaseExtension::classKind).ifPresent(kinds::add);
        context.getTestMethod().ifPresent(m -> {
            for (Parameter p : m.getParameters()) {
                AnnotationSupport.findAnnotation(p, UseDatabase.class).ifPresent(a -> kinds.add(a.value()));
            }
        });
        if (DatabaseEnvironment.required()) {
            return ConditionEvaluationResult.enabled(DatabaseEnvironment.REQUIRE_ENV + "=1: nothing is skipped");
        }
        for (DatabaseKind kind : kinds) {
            Optional<String> why = DatabaseEnvironment.unavailable(kind);
            if (why.isPresent()) {
                return ConditionEvaluationResult.disabled(why.get() + ": skipping");
            }
        }
        return ConditionEvaluationResult.enabled("the databases are available");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        DatabaseKind kind = parameterContext.findAnnotation(UseDatabase.class).map(UseDatabase::value)
                .or(() -> kindAround(extensionContext))
                .orElseThrow(() -> new ParameterResolutionException("which database? Put @UseDatabase(…) on the test "
                        + "class or on the parameter " + parameterContext.getParameter()));
        ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
        return store.computeIfAbsent(kind, k -> TestDatabase.open(kind), TestDatabase.class);
    }

    /** The kind named on the test class, its superclasses or the classes it is nested in. */
    private static Optional<DatabaseKind> kindAround(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<DatabaseKind> kind = c.get().getTestClass().flatMap(TestDatabaseExtension::classKind);
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseKind> classKind(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Optional<UseDatabase> a = AnnotationSupport.findAnnotation(c, UseDatabase.class);
            if (a.isPresent()) {
                return Optional.of(a.get().value());
            }
        }
        return Optional.empty();
    }
}
