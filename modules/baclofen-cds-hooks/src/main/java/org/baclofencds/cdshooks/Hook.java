package org.baclofencds.cdshooks;

import java.util.Set;

/** The hooks we answer (CDS Hooks library STU1), with the {@code userId} types each allows. */
public enum Hook {
    PATIENT_VIEW("patient-view", Set.of("Practitioner", "PractitionerRole", "Patient", "RelatedPerson")),
    ORDER_SELECT("order-select", Set.of("Practitioner", "PractitionerRole")),
    ORDER_SIGN("order-sign", Set.of("Practitioner", "PractitionerRole"));

    private final String code;
    private final Set<String> userTypes;

    Hook(String code, Set<String> userTypes) {
        this.code = code;
        this.userTypes = userTypes;
    }

    /** The hook name on the wire, e.g. {@code order-sign}. */
    public String code() {
        return code;
    }

    public Set<String> userTypes() {
        return userTypes;
    }

    /** Whether the context carries {@code draftOrders}. */
    public boolean hasDraftOrders() {
        return this != PATIENT_VIEW;
    }
}
