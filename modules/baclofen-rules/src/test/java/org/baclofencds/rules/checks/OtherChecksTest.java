package org.baclofencds.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.about;
import static org.baclofencds.rules.Fixtures.alert;
import static org.baclofencds.rules.Fixtures.baclofen;
import static org.baclofencds.rules.Fixtures.coded;
import static org.baclofencds.rules.Fixtures.condition;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.detail;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.intrathecal;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.order;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;
import static org.baclofencds.rules.Fixtures.severity;
import static org.baclofencds.rules.Fixtures.snomed;

import java.util.Date;
import java.util.List;
import org.baclofencds.knowledge.KnowledgeUrls;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.Fixtures;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Withdrawal, intrathecal, route, population and condition checks, and patient education. */
class OtherChecksTest {

    static MedicationRequest stoppedDaysAgo(MedicationRequest mr, int days) {
        mr.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        mr.getDosageInstructionFirstRep()
                .getTiming()
                .getRepeat()
                .setBounds(new Period()
                        .setStartElement(new DateTimeType(Date.from(daysBefore(90))))
                        .setEndElement(new DateTimeType(Date.from(daysBefore(days)))));
        return mr;
    }

    @Nested
    class AbruptDiscontinuation {
        @Test
        void firesHighWhenAnOralOrderAboveFifteenStoppedWithinThirtyDays() {
            CommunicationRequest a = alert(
                    rec().order(stoppedDaysAgo(oral("a", "20", "TID"), 30)).evaluate(),
                    AlertCodes.ABRUPT_DISCONTINUATION);
            assertThat(severity(a)).isEqualTo("high");
            assertThat(detail(a)).contains("60 mg/day", "1 to 2 weeks is local policy");
        }

        @Test
        void quietAfterThirtyOneDays() {
            assertThat(rec().order(stoppedDaysAgo(oral("a", "20", "TID"), 31)).codes())
                    .doesNotContain(AlertCodes.ABRUPT_DISCONTINUATION);
        }

        @Test
        void quietAtFifteenMilligramsADay() {
            assertThat(rec().order(stoppedDaysAgo(oral("a", "5", "TID"), 3)).codes())
                    .doesNotContain(AlertCodes.ABRUPT_DISCONTINUATION);
        }

        @Test
        void quietWhenAnotherBaclofenOrderIsCurrent() {
            assertThat(rec().order(stoppedDaysAgo(oral("a", "20", "TID"), 3), oral("b", "10", "TID"))
                            .codes())
                    .doesNotContain(AlertCodes.ABRUPT_DISCONTINUATION);
        }

        @Test
        void onHoldCountsAsAStopJudgedFromLastUpdated() {
            MedicationRequest mr = oral("a", "20", "TID");
            mr.setStatus(MedicationRequest.MedicationRequestStatus.ONHOLD);
            mr.getMeta().setLastUpdated(Date.from(daysBefore(2)));
            assertThat(rec().order(mr).codes()).contains(AlertCodes.ABRUPT_DISCONTINUATION);
        }

        @Test
        void completedIsAStopBecauseTheSupplyRanOut() {
            MedicationRequest mr = stoppedDaysAgo(oral("a", "20", "TID"), 2);
            mr.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            assertThat(rec().order(mr).codes()).contains(AlertCodes.ABRUPT_DISCONTINUATION);
        }
    }

    @Nested
    class Intrathecal {
        @Test
        void discontinuationFiresHighWithoutACurrentIntrathecalOrder() {
            MedicationRequest it = stoppedDaysAgo(intrathecal("it", "300"), 20);
            List<String> codes = rec().order(it, oral("o", "10", "TID")).codes();
            assertThat(codes).contains(AlertCodes.INTRATHECAL_DISCONTINUATION);
        }

        @Test
        void discontinuationIsQuietWithACurrentIntrathecalOrder() {
            MedicationRequest it = stoppedDaysAgo(intrathecal("it", "300"), 20);
            assertThat(rec().order(it, intrathecal("it2", "350")).codes())
                    .doesNotContain(AlertCodes.INTRATHECAL_DISCONTINUATION);
        }

        @Test
        void doseAboveOneThousandMicrogramsADayFiresModerate() {
            assertThat(rec().order(intrathecal("it", "1000")).codes()).doesNotContain(AlertCodes.INTRATHECAL_DOSE_HIGH);
            CommunicationRequest a =
                    alert(rec().order(intrathecal("it", "1001")).evaluate(), AlertCodes.INTRATHECAL_DOSE_HIGH);
            assertThat(severity(a)).isEqualTo("moderate");
            assertThat(detail(a)).contains("1001 mcg/day");
        }

        @Test
        void intrathecalDosesDoNotCountTowardsTheOralMaximum() {
            assertThat(rec().order(intrathecal("it", "900")).codes()).doesNotContain(AlertCodes.MAX_DAILY_DOSE);
        }

        @Test
        void routeComesFromTheProductWhenTheDosageHasNone() {
            MedicationRequest mr = order(
                    "it",
                    Fixtures.rxnorm(Fixtures.RXNORM_IT_2000UG_ML, "baclofen 2 MG/ML Injection"),
                    daysBefore(60),
                    dose("0.6", "mL", "QD"));
            var b = rec().order(mr).analyse().baclofenOrders().get(0);
            assertThat(b.intrathecal()).isTrue();
            assertThat(b.dose().value()).isEqualByComparingTo("1200");
        }
    }

    @Nested
    class RouteDoseMismatch {
        @Test
        void oralDoseInMicrogramsFires() {
            assertThat(rec().order(oral("a", "500", "TID").setDosageInstruction(List.of(oralUg("500"))))
                            .codes())
                    .contains(AlertCodes.ROUTE_DOSE_MISMATCH);
        }

        private Dosage oralUg(String ug) {
            Dosage d = dose(ug, "ug", "TID");
            d.setRoute(Fixtures.oralRoute());
            return d;
        }

        @Test
        void oralDoseUnderOneMilligramFiresAndOneIsQuiet() {
            assertThat(rec().order(oral("a", "0.5", "TID")).codes()).contains(AlertCodes.ROUTE_DOSE_MISMATCH);
            assertThat(rec().order(oral("a", "1", "TID")).codes()).doesNotContain(AlertCodes.ROUTE_DOSE_MISMATCH);
        }

        @Test
        void onceDailyIntrathecalTotalOfOneMilligramOrMoreIsNoMismatch() {
            assertThat(rec().order(intrathecal("it", "999")).codes()).doesNotContain(AlertCodes.ROUTE_DOSE_MISMATCH);
            assertThat(rec().order(intrathecal("it", "1000")).codes()).doesNotContain(AlertCodes.ROUTE_DOSE_MISMATCH);
        }

        @Test
        void intrathecalDoseOfOneMilligramSeveralTimesADayFires() {
            Dosage d = dose("1", "mg", "TID");
            d.setRoute(snomed("72607000", "Intrathecal route"));
            assertThat(rec().order(order("it", baclofen(), daysBefore(60), d)).codes())
                    .contains(AlertCodes.ROUTE_DOSE_MISMATCH);
        }

        @Test
        void intravenousRouteFiresHigh() {
            Dosage d = dose("10", "mg", "TID");
            d.setRoute(snomed("47625008", "Intravenous route"));
            CommunicationRequest a = alert(
                    rec().order(order("a", baclofen(), daysBefore(60), d)).evaluate(), AlertCodes.ROUTE_DOSE_MISMATCH);
            assertThat(severity(a)).isEqualTo("high");
        }

        @Test
        void oralRouteWithAnIntrathecalProductFires() {
            Dosage d = dose("1", "mL", "TID");
            d.setRoute(Fixtures.oralRoute());
            MedicationRequest mr = order(
                    "a",
                    Fixtures.rxnorm(Fixtures.RXNORM_IT_2000UG_ML, "baclofen 2 MG/ML Injection"),
                    daysBefore(60),
                    d);
            CommunicationRequest a = alert(rec().order(mr).evaluate(), AlertCodes.ROUTE_DOSE_MISMATCH);
            assertThat(detail(a)).contains("the route is oral but the product is intrathecal");
        }

        @Test
        void enteralTubeCountsAsOral() {
            Dosage d = dose("10", "mg", "TID");
            d.setRoute(new CodeableConcept().setText("via G-tube"));
            var b = rec().order(order("a", baclofen(), daysBefore(60), d))
                    .analyse()
                    .baclofenOrders()
                    .get(0);
            assertThat(b.oral()).isTrue();
        }
    }

    @Nested
    class Populations {
        @Test
        void pregnancyStatusWithin300DaysFiresModerate() {
            CodeableConcept pregnant = new CodeableConcept(new Coding(KnowledgeUrls.LOINC, "LA15173-0", "Pregnant"));
            CommunicationRequest a = alert(
                    rec().patient(patient(30, AdministrativeGender.FEMALE))
                            .order(oral("a", "10", "TID"))
                            .obs(coded("ps", "82810-3", pregnant, daysBefore(300)))
                            .evaluate(),
                    AlertCodes.PREGNANCY);
            assertThat(severity(a)).isEqualTo("moderate");
            assertThat(a.getReasonReferenceFirstRep().getReference()).isEqualTo("Observation/ps");
            assertThat(rec().order(oral("a", "10", "TID"))
                            .obs(coded("ps", "82810-3", pregnant, daysBefore(301)))
                            .codes())
                    .doesNotContain(AlertCodes.PREGNANCY);
        }

        @Test
        void theLatestPregnancyStatusDecides() {
            CodeableConcept pregnant = new CodeableConcept(new Coding(KnowledgeUrls.LOINC, "LA15173-0", "Pregnant"));
            CodeableConcept not = new CodeableConcept(new Coding(KnowledgeUrls.LOINC, "LA26683-5", "Not pregnant"));
            assertThat(rec().order(oral("a", "10", "TID"))
                            .obs(
                                    coded("old", "82810-3", pregnant, daysBefore(200)),
                                    coded("new", "82810-3", not, daysBefore(5)))
                            .codes())
                    .doesNotContain(AlertCodes.PREGNANCY);
        }

        @Test
        void activePregnancyConditionFires() {
            assertThat(rec().order(oral("a", "10", "TID"))
                            .condition(condition("preg", "77386006", "Pregnancy"))
                            .codes())
                    .contains(AlertCodes.PREGNANCY);
        }

        @Test
        void breastfeedingFiresLow() {
            CodeableConcept yes = new CodeableConcept(new Coding(KnowledgeUrls.LOINC, "LA29252-6", "breastfeeding"));
            CommunicationRequest a = alert(
                    rec().order(oral("a", "10", "TID"))
                            .obs(coded("bf", "63895-7", yes, daysBefore(365)))
                            .evaluate(),
                    AlertCodes.BREASTFEEDING);
            assertThat(severity(a)).isEqualTo("low");
        }

        @Test
        void pediatricUseBelowTwelve() {
            assertThat(rec().patient(patient(11, AdministrativeGender.MALE))
                            .order(oral("a", "5", "TID"))
                            .codes())
                    .contains(AlertCodes.PEDIATRIC_USE);
            assertThat(rec().patient(patient(12, AdministrativeGender.MALE))
                            .order(oral("a", "5", "TID"))
                            .codes())
                    .doesNotContain(AlertCodes.PEDIATRIC_USE);
            assertThat(rec().patient(patient(8, AdministrativeGender.MALE))
                            .order(intrathecal("it", "200"))
                            .codes())
                    .doesNotContain(AlertCodes.PEDIATRIC_USE);
        }
    }

    @Nested
    class Conditions {
        @Test
        void epilepsyFiresModerateWithTheConditionAsReason() {
            CommunicationRequest a = alert(
                    rec().order(oral("a", "10", "TID"))
                            .condition(condition("ep", "84757009", "Epilepsy"))
                            .evaluate(),
                    AlertCodes.CONDITION_SEIZURE_DISORDER);
            assertThat(severity(a)).isEqualTo("moderate");
            assertThat(a.getReasonReferenceFirstRep().getReference()).isEqualTo("Condition/ep");
        }

        @Test
        void schizophreniaFires() {
            assertThat(rec().order(oral("a", "10", "TID"))
                            .condition(condition("s", "58214004", "Schizophrenia"))
                            .codes())
                    .contains(AlertCodes.CONDITION_PSYCHIATRIC);
        }

        @Test
        void resolvedConditionIsQuiet() {
            Condition c = condition("ep", "84757009", "Epilepsy");
            c.getClinicalStatus().getCodingFirstRep().setCode("resolved");
            assertThat(rec().order(oral("a", "10", "TID")).condition(c).codes())
                    .doesNotContain(AlertCodes.CONDITION_SEIZURE_DISORDER);
        }

        @Test
        void uncodedConditionIsFoundByName() {
            Condition c = condition("ep", "84757009", "Epilepsy");
            c.setCode(new CodeableConcept().setText("Epilepsy, focal"));
            assertThat(rec().order(oral("a", "10", "TID")).condition(c).codes())
                    .contains(AlertCodes.CONDITION_SEIZURE_DISORDER);
        }
    }

    @Nested
    class Education {
        @Test
        void aNewStartGetsAnInstructionForThePatient() {
            CommunicationRequest a =
                    alert(rec().draft(DoseChecksTest.draft("d", "5", "TID")).evaluate(), AlertCodes.PATIENT_EDUCATION);
            assertThat(a.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("instruction");
            assertThat(a.getRecipientFirstRep().getReference()).isEqualTo("Patient/p1");
            assertThat(about(a)).containsExactly("MedicationRequest/d");
            assertThat(detail(a)).contains("drive", "alcohol", "Never stop");
        }

        @Test
        void anEstablishedOrderGetsNone() {
            assertThat(rec().order(oral("a", "5", "TID")).codes()).doesNotContain(AlertCodes.PATIENT_EDUCATION);
        }
    }
}
