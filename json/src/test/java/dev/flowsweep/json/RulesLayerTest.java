package dev.flowsweep.json;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules stay plain Java (jackson-annotations and Jakarta constraints only), so that each binding
 * (flowsweep-json-jackson2 on Jackson 2, flowsweep-json-jackson3 on Jackson 3) reuses them without a second copy. The
 * module's pom bans every Jackson binding from its dependencies (maven-enforcer), so a rule class that used one would
 * not compile; this test says the same from inside: none named in the sources, none on the class path.
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
            assertFalse(source.contains("tools.jackson"), name + " uses Jackson 3");
        }
        for (String binding : List.of("com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.core.JsonParser", "tools.jackson.databind.ObjectMapper")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(binding), binding + " on the class path");
        }
    }
}
