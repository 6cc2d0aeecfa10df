package org.baclofencds.rules;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one run of the engine gives: the evaluated record (for callers that explain or correct a result) and the
 * alerts, ordered by severity (high first), then code, then identifier.
 */
public record Analysis(Evaluation evaluation, List<Alert> alerts) {

    public Analysis {
        Objects.requireNonNull(evaluation, "evaluation");
        alerts = List.copyOf(alerts);
    }

    /** The same analysis with each alert passed through {@code f} (e.g. noting an override). */
    public Analysis map(UnaryOperator<Alert> f) {
        return new Analysis(evaluation, alerts.stream().map(f).toList());
    }
}
