package org.baclofencds.rules;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/** The offline base-R4 validator of STANDARDS.md §5, built once per test JVM. */
final class FhirValidators {
    private FhirValidators() {}

    private static final class Holder {
        static final FhirValidator VALIDATOR = build();
    }

    static FhirValidator validator() {
        return Holder.VALIDATOR;
    }

    /** ERROR and FATAL messages as "severity location: message". */
    static List<String> errors(ValidationResult result) {
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    private static FhirValidator build() {
        FhirContext ctx = FhirContext.forR4Cached();
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirValidator validator = ctx.newValidator();
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        // meta.profile names our own alert profile, which is published elsewhere; base R4 is what we check.
        module.setErrorForUnknownProfiles(false);
        validator.registerValidatorModule(module);
        return validator;
    }
}
