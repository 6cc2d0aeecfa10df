package org.baclofencds.server;

import java.math.BigDecimal;
import java.util.List;
import org.baclofencds.knowledge.Knowledge;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.ValueSet;

/** A small knowledge base built in code, so server tests do not depend on the published files. */
public final class TestKnowledge {
    private TestKnowledge() {}

    public static final String RXNORM_10MG_TABLET = "197391";
    public static final String RXNORM_20MG_TABLET = "197392";
    public static final String RXNORM_INGREDIENT = "1292";

    public static Knowledge build() {
        return Knowledge.of(List.of(
                tablet("baclofen-oral-tablet-10mg", "baclofen 10 mg oral tablet", RXNORM_10MG_TABLET, 10),
                tablet("baclofen-oral-tablet-20mg", "baclofen 20 mg oral tablet", RXNORM_20MG_TABLET, 20),
                valueSet(),
                alertCodes(),
                operation(),
                device()));
    }

    private static MedicationKnowledge tablet(String id, String display, String rxnorm, int mg) {
        MedicationKnowledge mk = new MedicationKnowledge();
        mk.setId(id);
        mk.setStatus(MedicationKnowledge.MedicationKnowledgeStatus.ACTIVE);
        mk.setCode(new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, rxnorm, display)).setText(display));
        mk.setDoseForm(new CodeableConcept(new Coding(KnowledgeUrls.SNOMED, "421026006", "Oral tablet")));
        mk.addIntendedRoute(new CodeableConcept(new Coding(KnowledgeUrls.SNOMED, "26643006", "Oral route")));
        mk.addIngredient()
                .setItem(new CodeableConcept(new Coding(KnowledgeUrls.RXNORM, RXNORM_INGREDIENT, "baclofen")))
                .setIsActive(true)
                .setStrength(new Ratio()
                        .setNumerator(new Quantity()
                                .setValue(new BigDecimal(mg))
                                .setSystem(KnowledgeUrls.UCUM)
                                .setCode("mg"))
                        .setDenominator(new Quantity()
                                .setValue(1)
                                .setSystem(KnowledgeUrls.UCUM)
                                .setCode("{tablet}")));
        mk.addMedicineClassification()
                .setType(new CodeableConcept().setText("ATC"))
                .addClassification(new CodeableConcept(new Coding(KnowledgeUrls.ATC, "M03BX01", "baclofen")));
        return mk;
    }

    private static ValueSet valueSet() {
        ValueSet vs = new ValueSet();
        vs.setId("opioids");
        vs.setUrl(KnowledgeUrls.VS_OPIOIDS);
        vs.setName("Opioids");
        vs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        vs.getCompose()
                .addInclude()
                .setSystem(KnowledgeUrls.RXNORM)
                .addConcept()
                .setCode("7052")
                .setDisplay("morphine");
        return vs;
    }

    private static CodeSystem alertCodes() {
        CodeSystem cs = new CodeSystem();
        cs.setId("baclofen-alert");
        cs.setUrl(KnowledgeUrls.ALERT_CODE_SYSTEM);
        cs.setName("BaclofenAlert");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        CodeSystem.ConceptDefinitionComponent c =
                cs.addConcept().setCode("max-daily-dose").setDisplay("Maximum daily dose exceeded");
        c.addProperty().setCode("severity").setValue(new CodeType("high"));
        c.addProperty().setCode("category").setValue(new CodeType("alert"));
        c.addProperty().setCode("detectedIssueCode").setValue(new CodeType("MDOSE"));
        return cs;
    }

    private static OperationDefinition operation() {
        OperationDefinition od = new OperationDefinition();
        od.setId("baclofen-check");
        od.setUrl(KnowledgeUrls.BASE + "/OperationDefinition/baclofen-check");
        od.setName("BaclofenCheck");
        od.setCode("baclofen-check");
        od.setStatus(Enumerations.PublicationStatus.ACTIVE);
        od.setKind(OperationDefinition.OperationKind.OPERATION);
        od.setSystem(true);
        od.setType(false);
        od.setInstance(true);
        return od;
    }

    private static Device device() {
        Device d = new Device();
        d.setId("baclofen-cds");
        d.addDeviceName().setName("baclofen-cds").setType(Device.DeviceNameType.USERFRIENDLYNAME);
        return d;
    }
}
