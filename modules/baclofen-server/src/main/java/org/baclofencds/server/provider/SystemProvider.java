package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import org.baclofencds.server.store.PatientDataSource;
import org.hl7.fhir.r4.model.Bundle;

/** {@code POST [base]} with a transaction or batch Bundle. */
public final class SystemProvider {

    private final PatientDataSource data;

    public SystemProvider(PatientDataSource data) {
        this.data = data;
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
        return data.transaction(bundle);
    }
}
