package dev.flowsweep.cli;

/** Input the tool refuses (exit code 1), with a message for the operator. */
final class CliInputException extends RuntimeException {
    CliInputException(String message) {
        super(message);
    }

    CliInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
