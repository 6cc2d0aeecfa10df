package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;
import org.baclofencds.rules.Source;

/** {@code patient-education}: a new baclofen start; the instruction goes to the patient. */
public final class PatientEducationCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> starts =
                e.currentOral().stream().filter(e::newStart).toList();
        if (starts.isEmpty()) {
            return List.of();
        }
        String detail = "You are starting baclofen (" + Texts.orders(Texts.of(starts)) + "). It can make you"
                + " drowsy or dizzy: do not drive or use machines until you know how it affects you. Avoid alcohol"
                + " and other sedating medicines unless your prescriber agrees. Never stop baclofen suddenly:"
                + " stopping abruptly can cause hallucinations, seizures and high fever; your prescriber will"
                + " reduce it slowly.";
        return List.of(new Finding(
                AlertCodes.PATIENT_EDUCATION,
                e.defaultSeverity(AlertCodes.PATIENT_EDUCATION),
                Texts.of(starts),
                List.of(),
                "Starting baclofen: drowsiness and driving, avoid alcohol and sedatives, never stop suddenly",
                detail,
                List.of(Source.LYV_ISI, Source.MEDLIB_8P2, Source.OZOBAX_DI),
                false));
    }
}
