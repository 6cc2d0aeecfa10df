package org.baclofencds.rules.checks;

import java.util.ArrayList;
import java.util.List;
import org.baclofencds.rules.Check;

/** Every check, one per concern; together they cover every alert code of API.md §4. */
public final class Checks {
    private Checks() {}

    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(new MaxDailyDoseCheck());
        checks.add(new StartingDoseCheck());
        checks.add(new TitrationCheck());
        checks.add(new RenalFunctionCheck());
        checks.add(new RenalFunctionUnknownCheck());
        checks.addAll(DrugInteractionCheck.all());
        checks.add(new AlcoholCheck());
        checks.add(new WithdrawalCheck());
        checks.add(new IntrathecalDiscontinuationCheck());
        checks.add(new IntrathecalDoseCheck());
        checks.add(new RouteDoseMismatchCheck());
        checks.add(new DuplicateTherapyCheck());
        checks.add(new PregnancyCheck());
        checks.add(new BreastfeedingCheck());
        checks.add(new PediatricCheck());
        checks.addAll(ConditionCheck.all());
        checks.add(new DoseNotComputableCheck());
        checks.add(new PatientEducationCheck());
        return List.copyOf(checks);
    }
}
