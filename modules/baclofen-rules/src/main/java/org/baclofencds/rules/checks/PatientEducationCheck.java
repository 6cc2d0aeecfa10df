package org.baclofencds.rules.checks;

import java.util.List;
import org.baclofencds.knowledge.Source;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.BaclofenOrder;
import org.baclofencds.rules.Check;
import org.baclofencds.rules.Evaluation;
import org.baclofencds.rules.Finding;

/** {@code patient-education}: a new baclofen start; the instruction goes to the patient, in plain words. */
public final class PatientEducationCheck implements Check {

    @Override
    public List<Finding> check(Evaluation e) {
        List<BaclofenOrder> starts =
                e.currentOral().stream().filter(e::newStart).toList();
        if (starts.isEmpty()) {
            return List.of();
        }
        String detail = "You are starting baclofen (" + Texts.orders(Texts.of(starts)) + "). It can make you sleepy"
                + " or dizzy: do not drive or use machines until you know how it affects you. Do not drink alcohol,"
                + " and ask before taking other medicines that make you sleepy. Never stop baclofen suddenly: that can"
                + " cause hallucinations, seizures and high fever. Your prescriber will lower the dose slowly when it"
                + " is time to stop.";
        return List.of(new Finding(
                AlertCodes.PATIENT_EDUCATION,
                e.defaultSeverity(AlertCodes.PATIENT_EDUCATION),
                Texts.of(starts),
                List.of(),
                "Starting baclofen: it can make you sleepy; avoid alcohol; never stop it suddenly",
                detail,
                List.of(Source.LYVISPAH_WARNINGS, Source.OZOBAX_DISCONTINUATION),
                false));
    }
}
