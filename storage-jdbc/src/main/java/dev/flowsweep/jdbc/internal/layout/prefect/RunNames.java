package dev.flowsweep.jdbc.internal.layout.prefect;

import java.util.List;
import java.util.UUID;

/**
 * The name a run gets when it is created without one, as a Prefect server names it: two words, {@code adjective-animal}
 * ({@code brave-otter}). Prefect's {@code name} columns are NOT NULL and Prefect draws the words at random from the
 * {@code coolname} package; Flowsweep derives them from the run's id instead, so that the same run gets the same name
 * on every database and in every test run. The words are Flowsweep's own lists.
 */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of("amber", "bold", "brave", "bright", "calm", "clever",
            "cosmic", "crimson", "daring", "dapper", "eager", "fancy", "fearless", "gentle", "golden", "graceful",
            "happy", "humble", "jolly", "keen", "lively", "lucky", "mellow", "mighty", "nimble", "noble", "polite",
            "proud", "quick", "quiet", "rapid", "royal", "rustic", "shiny", "silver", "smart", "sturdy", "sunny",
            "swift", "tidy", "vivid", "witty");
    private static final List<String> ANIMALS = List.of("badger", "bison", "bobcat", "condor", "coyote", "crane",
            "dingo", "dolphin", "falcon", "ferret", "finch", "gazelle", "gecko", "gibbon", "heron", "ibis", "jackal",
            "jaguar", "koala", "lemur", "lion", "llama", "lynx", "marmot", "mink", "moose", "narwhal", "ocelot",
            "orca", "osprey", "otter", "panda", "puffin", "quokka", "raven", "salmon", "seal", "sloth", "tapir",
            "toucan", "walrus", "wombat", "yak", "zebra");

    private RunNames() {
    }

    /** The generated name of the run or task run {@code id}. */
    static String of(UUID id) {
        long bits = id.getLeastSignificantBits() ^ Long.rotateLeft(id.getMostSignificantBits(), 17);
        int adjective = (int) Long.remainderUnsigned(bits, ADJECTIVES.size());
        int animal = (int) Long.remainderUnsigned(bits >>> 20, ANIMALS.size());
        return ADJECTIVES.get(adjective) + "-" + ANIMALS.get(animal);
    }
}
