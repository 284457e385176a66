package dev.attrprompt.run;

import java.util.List;
import java.util.Map;

/** An accepted sample: its id is the id of the request that produced it. */
public record Sample(String id, String label, List<String> labels, String text, Map<String, String> attributes) {}
