package dev.flowsweep.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with Flowsweep's starter: the starter builds the storage on the DataSource
 * ({@code spring.datasource.*}, an in-memory H2 here), the log purger, {@code BulkDeleteService} and the retention
 * policies of {@code application.yaml}; this application adds its own small REST API around them
 * ({@link CleanupController}) and Actuator shows Flowsweep's meters and health.
 *
 * <pre>
 * mvn -q package -DskipTests
 * java -jar examples/spring-boot-sample/target/flowsweep-spring-boot-sample.jar
 * curl -s localhost:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
