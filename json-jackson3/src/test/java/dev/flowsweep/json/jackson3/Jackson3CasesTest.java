package dev.flowsweep.json.jackson3;

import dev.flowsweep.json.BulkDeleteRequestJsonCases;
import dev.flowsweep.json.HostileStringsCases;
import dev.flowsweep.json.JsonEngine;
import dev.flowsweep.json.RetentionFilterJsonCases;
import dev.flowsweep.json.SerializationCases;
import dev.flowsweep.json.StrictnessCases;
import org.junit.jupiter.api.Nested;

/**
 * flowsweep-json's cases (strictness, hostile strings, Prefect's bodies, the shapes written) on the Jackson 3
 * binding, run without jackson-databind 2 on the class path (see the module's pom): the same assertions as on the
 * Jackson 2 binding (flowsweep-json-jackson2).
 */
class Jackson3CasesTest {
    private static final JsonEngine ENGINE = new Jackson3Engine();

    @Nested
    class Strictness extends StrictnessCases {
        @Override
        protected JsonEngine engine() {
            return ENGINE;
        }
    }

    @Nested
    class HostileStrings extends HostileStringsCases {
        @Override
        protected JsonEngine engine() {
            return ENGINE;
        }
    }

    @Nested
    class BulkDeleteRequestJson extends BulkDeleteRequestJsonCases {
        @Override
        protected JsonEngine engine() {
            return ENGINE;
        }
    }

    @Nested
    class Serialization extends SerializationCases {
        @Override
        protected JsonEngine engine() {
            return ENGINE;
        }
    }

    @Nested
    class RetentionFilterJson extends RetentionFilterJsonCases {
        @Override
        protected JsonEngine engine() {
            return ENGINE;
        }
    }
}
