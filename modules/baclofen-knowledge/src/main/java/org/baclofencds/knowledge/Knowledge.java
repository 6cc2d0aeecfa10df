package org.baclofencds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;

/**
 * The published knowledge ({@code fhir-resources/}) loaded once into typed, hash-based lookups.
 *
 * <p>Build it once per JVM with {@link #loadFromClasspath(FhirContext)} and share it: it is immutable and
 * thread-safe.
 */
public final class Knowledge {

    /** Loads every resource under {@code fhir-resources/} on the classpath. */
    public static Knowledge loadFromClasspath(FhirContext ctx) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Builds the lookups from the given resources (tests may pass a subset). */
    public static Knowledge of(List<? extends IBaseResource> resources) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Every published resource, in a stable order, with its logical id set. */
    public List<IBaseResource> resources() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The baclofen products (one per MedicationKnowledge). */
    public List<BaclofenProduct> products() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The product a code identifies: RxNorm SCD/SBD or NDC (any of the 10-digit dashed forms or the
     * 11-digit form). Ingredient-level codes (RxNorm 1292, ATC M03BX01) identify no product.
     */
    public Optional<BaclofenProduct> productByCode(String system, String code) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** True when the coding is in the value set (ATC codes match their group's descendants). */
    public boolean inValueSet(String valueSetUrl, String system, String code) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public boolean inValueSet(String valueSetUrl, Coding coding) {
        return coding != null && inValueSet(valueSetUrl, coding.getSystem(), coding.getCode());
    }

    /**
     * Lower-case ingredient names (and brand names) that identify a member of the value set in free
     * text, for the name-matching fallback when no code matches.
     */
    public Set<String> textNames(String valueSetUrl) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The alert-code CodeSystem ({@link KnowledgeUrls#ALERT_CODE_SYSTEM}). */
    public CodeSystem alertCodeSystem() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
