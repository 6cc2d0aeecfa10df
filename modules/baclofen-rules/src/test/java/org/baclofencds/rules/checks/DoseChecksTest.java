package org.baclofencds.rules.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.baclofencds.rules.Fixtures.about;
import static org.baclofencds.rules.Fixtures.adult;
import static org.baclofencds.rules.Fixtures.alert;
import static org.baclofencds.rules.Fixtures.authored;
import static org.baclofencds.rules.Fixtures.baclofen;
import static org.baclofencds.rules.Fixtures.daysBefore;
import static org.baclofencds.rules.Fixtures.detail;
import static org.baclofencds.rules.Fixtures.dose;
import static org.baclofencds.rules.Fixtures.oral;
import static org.baclofencds.rules.Fixtures.oralRoute;
import static org.baclofencds.rules.Fixtures.order;
import static org.baclofencds.rules.Fixtures.patient;
import static org.baclofencds.rules.Fixtures.rec;
import static org.baclofencds.rules.Fixtures.severity;

import java.time.Duration;
import java.util.List;
import org.baclofencds.rules.AlertCodes;
import org.baclofencds.rules.Fixtures;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** max-daily-dose, starting-dose, titration-too-fast, duplicate-therapy, dose-not-computable. */
class DoseChecksTest {

    /** A draft oral order (no id-less tricks) authored at the evaluation time. */
    static MedicationRequest draft(String id, String mg, String timing) {
        return Fixtures.draftOral(id, mg, timing);
    }

    @Nested
    class MaxDailyDose {
        @Test
        void eightyMilligramsADayIsQuiet() {
            assertThat(rec().order(oral("a", "20", "QID")).codes()).doesNotContain(AlertCodes.MAX_DAILY_DOSE);
        }

        @Test
        void justAboveEightyFiresHighWithTheComputation() {
            List<CommunicationRequest> alerts =
                    rec().order(oral("a", "20.0025", "QID")).evaluate();
            CommunicationRequest a = alert(alerts, AlertCodes.MAX_DAILY_DOSE);
            assertThat(severity(a)).isEqualTo("high");
            assertThat(a.getPriority().toCode()).isEqualTo("stat");
            assertThat(about(a)).containsExactly("MedicationRequest/a");
            assertThat(detail(a))
                    .contains("80.01 mg/day", "20.0025 mg × 4/day (QID)", "80 mg/day", "Baclofen tablets, US label");
        }

        @Test
        void sumsEveryCurrentOralOrder() {
            List<String> codes =
                    rec().order(oral("a", "30", "BID"), oral("b", "30", "QD")).codes();
            assertThat(codes).contains(AlertCodes.MAX_DAILY_DOSE, AlertCodes.DUPLICATE_THERAPY);
        }

        @Test
        void stoppedOrdersDoNotCount() {
            MedicationRequest stopped =
                    Fixtures.withStatus(oral("b", "30", "BID"), MedicationRequest.MedicationRequestStatus.STOPPED);
            assertThat(rec().order(oral("a", "20", "TID"), stopped).codes()).doesNotContain(AlertCodes.MAX_DAILY_DOSE);
        }

        @ParameterizedTest
        @CsvSource({
            "12,20,false", "12,20.0025,true", // 80 mg/day from 12 years
            "11,15,false", "11,15.0025,true", // 60 mg/day at 8–11 years
            "8,15,false", "8,15.0025,true",
            "7,10,false", "7,10.0025,true" // 40 mg/day under 8 years
        })
        void maximumDependsOnAge(int age, String mgQid, boolean fires) {
            List<String> codes = rec().patient(patient(age, AdministrativeGender.FEMALE))
                    .order(oral("a", mgQid, "QID"))
                    .codes();
            assertThat(codes.contains(AlertCodes.MAX_DAILY_DOSE)).isEqualTo(fires);
        }

        @Test
        void anUncomputableOrderNeverFiresADoseCheck() {
            Dosage d = dose("50", "mL", "QID");
            d.setRoute(oralRoute());
            List<String> codes =
                    rec().order(order("a", baclofen(), daysBefore(60), d)).codes();
            assertThat(codes).contains(AlertCodes.DOSE_NOT_COMPUTABLE).doesNotContain(AlertCodes.MAX_DAILY_DOSE);
        }
    }

    @Nested
    class StartingDose {
        @Test
        void fifteenMilligramsADayIsQuiet() {
            assertThat(rec().draft(draft("d", "5", "TID")).codes())
                    .doesNotContain(AlertCodes.STARTING_DOSE)
                    .contains(AlertCodes.PATIENT_EDUCATION);
        }

        @Test
        void aboveFifteenFiresModerate() {
            List<CommunicationRequest> alerts =
                    rec().draft(draft("d", "5.005", "TID")).evaluate();
            CommunicationRequest a = alert(alerts, AlertCodes.STARTING_DOSE);
            assertThat(severity(a)).isEqualTo("moderate");
            assertThat(a.getPriority().toCode()).isEqualTo("urgent");
        }

        @Test
        void anOrderAuthoredWithinThirtyDaysBeforeMeansNoNewStart() {
            MedicationRequest earlier = authored(oral("old", "5", "TID"), daysBefore(30));
            earlier.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            assertThat(rec().order(earlier).draft(draft("d", "10", "TID")).codes())
                    .doesNotContain(AlertCodes.STARTING_DOSE, AlertCodes.PATIENT_EDUCATION);
        }

        @Test
        void anOrderAuthoredMoreThanThirtyDaysBeforeStillMeansANewStart() {
            MedicationRequest earlier = authored(oral("old", "5", "TID"), daysBefore(31));
            earlier.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            assertThat(rec().order(earlier).draft(draft("d", "10", "TID")).codes())
                    .contains(AlertCodes.STARTING_DOSE, AlertCodes.PATIENT_EDUCATION);
        }

        @Test
        void anActiveOrderAuthoredFourteenDaysAgoIsRecentButFifteenIsNot() {
            assertThat(rec().order(authored(oral("a", "10", "TID"), daysBefore(14)))
                            .codes())
                    .contains(AlertCodes.STARTING_DOSE);
            assertThat(rec().order(authored(oral("a", "10", "TID"), daysBefore(15)))
                            .codes())
                    .doesNotContain(AlertCodes.STARTING_DOSE);
        }
    }

    @Nested
    class Titration {
        private List<String> codes(String previousMgPerDay, int daysBetween, String newMgPerDay) {
            MedicationRequest previous = authored(oral("p", previousMgPerDay, "QD"), daysBefore(daysBetween));
            previous.setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);
            MedicationRequest now = authored(oral("n", newMgPerDay, "QD"), Fixtures.EVAL);
            return rec().order(previous, now).codes();
        }

        @Test
        void oneStepOfFifteenAfterThreeDaysIsQuiet() {
            assertThat(codes("15", 3, "30")).doesNotContain(AlertCodes.TITRATION_TOO_FAST);
        }

        @Test
        void moreThanOneStepAfterThreeDaysFires() {
            assertThat(codes("15", 3, "30.01")).contains(AlertCodes.TITRATION_TOO_FAST);
        }

        @Test
        void twoStepsAreAllowedAfterSixDays() {
            assertThat(codes("15", 6, "45")).doesNotContain(AlertCodes.TITRATION_TOO_FAST);
            assertThat(codes("15", 6, "45.01")).contains(AlertCodes.TITRATION_TOO_FAST);
        }

        @Test
        void oneStepIsAlwaysAllowedEvenTheSameDay() {
            assertThat(codes("15", 0, "30")).doesNotContain(AlertCodes.TITRATION_TOO_FAST);
            assertThat(codes("15", 2, "31")).contains(AlertCodes.TITRATION_TOO_FAST);
        }

        @Test
        void fiveDaysCountAsOneFullStep() {
            assertThat(codes("15", 5, "31")).contains(AlertCodes.TITRATION_TOO_FAST);
        }

        @Test
        void implicatesBothOrders() {
            MedicationRequest previous = authored(oral("p", "15", "QD"), daysBefore(1));
            MedicationRequest now = authored(oral("n", "60", "QD"), Fixtures.EVAL);
            previous.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
            CommunicationRequest a = alert(rec().order(previous, now).evaluate(), AlertCodes.TITRATION_TOO_FAST);
            assertThat(about(a)).containsExactlyInAnyOrder("MedicationRequest/n", "MedicationRequest/p");
            assertThat(detail(a)).contains("45 mg/day", "at most 15 mg/day");
        }

        @Test
        void anUncomputablePreviousOrderSaysNothing() {
            MedicationRequest previous = order("p", baclofen(), daysBefore(1), dose("5", "mL", "TID"));
            MedicationRequest now = authored(oral("n", "60", "QD"), Fixtures.EVAL);
            assertThat(rec().order(previous, now).codes()).doesNotContain(AlertCodes.TITRATION_TOO_FAST);
        }
    }

    @Nested
    class Duplicates {
        @Test
        void oneOralAndOneIntrathecalOrderAreNoDuplicate() {
            assertThat(rec().order(oral("a", "10", "TID"), Fixtures.intrathecal("b", "300"))
                            .codes())
                    .doesNotContain(AlertCodes.DUPLICATE_THERAPY);
        }

        @Test
        void aDraftBesideAnActiveOrderIsADuplicate() {
            CommunicationRequest a = alert(
                    rec().order(oral("a", "10", "TID"))
                            .draft(draft("d", "10", "TID"))
                            .evaluate(),
                    AlertCodes.DUPLICATE_THERAPY);
            assertThat(about(a)).containsExactlyInAnyOrder("MedicationRequest/a", "MedicationRequest/d");
        }
    }

    @Nested
    class NotComputable {
        @Test
        void saysWhatIsMissing() {
            MedicationRequest noFrequency = order("a", baclofen(), daysBefore(60), dose("10", "mg", null));
            CommunicationRequest a = alert(rec().order(noFrequency).evaluate(), AlertCodes.DOSE_NOT_COMPUTABLE);
            assertThat(severity(a)).isEqualTo("low");
            assertThat(detail(a)).contains("no frequency");
        }

        @Test
        void millilitresOfAKnownProductAreComputable() {
            Dosage d = dose("10", "mL", "TID");
            MedicationRequest mr = order(
                    "a",
                    Fixtures.rxnorm(Fixtures.RXNORM_SUSPENSION_5MG_ML, "baclofen 5 MG/ML Oral Suspension"),
                    daysBefore(60),
                    d);
            List<CommunicationRequest> alerts = rec().order(mr).evaluate();
            assertThat(Fixtures.codes(alerts))
                    .contains(AlertCodes.MAX_DAILY_DOSE)
                    .doesNotContain(AlertCodes.DOSE_NOT_COMPUTABLE);
            assertThat(detail(alert(alerts, AlertCodes.MAX_DAILY_DOSE)))
                    .contains("10 mL × 5 mg/mL = 50 mg", "150 mg/day");
        }

        @Test
        void adultIsTheDefaultPatientOfTheseTests() {
            assertThat(adult().getGender()).isEqualTo(AdministrativeGender.MALE);
            assertThat(Duration.between(daysBefore(1), Fixtures.EVAL)).isEqualTo(Duration.ofDays(1));
        }
    }
}
