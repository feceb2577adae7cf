package dev.flowsweep.json;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules stay plain Java (jackson-annotations and Jakarta constraints only), so that a binding for another
 * Jackson (3, for a Spring Boot 4 starter) reuses them without a second copy; the Jackson 2 glue is elsewhere.
 */
class RulesLayerTest {
    private static final List<String> RULES = List.of("Wire", "JsonTimes", "JsonProblem", "JsonValueException",
            "StateJson", "Shapes", "JsonOptions");

    @Test
    void theRuleClassesDoNotUseJacksonDatabindOrCore() throws Exception {
        for (String name : RULES) {
            String source = Files.readString(Path.of("src/main/java/dev/flowsweep/json", name + ".java"));
            assertTrue(source.contains("class " + name) || source.contains("record " + name), name);
            assertFalse(source.contains("com.fasterxml.jackson.databind"), name + " uses jackson-databind");
            assertFalse(source.contains("com.fasterxml.jackson.core"), name + " uses jackson-core");
        }
    }
}
