package org.baclofencds.rules;

import java.util.List;

/** One clinical concern: reads the evaluated record, returns what it found (no I/O, no state). */
@FunctionalInterface
public interface Check {
    List<Finding> check(Evaluation evaluation);
}
