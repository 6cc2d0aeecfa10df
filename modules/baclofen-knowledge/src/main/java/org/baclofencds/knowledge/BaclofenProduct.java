package org.baclofencds.knowledge;

import java.math.BigDecimal;
import java.util.List;

/**
 * One baclofen product, as published in its MedicationKnowledge.
 *
 * @param id the MedicationKnowledge logical id, e.g. {@code baclofen-oral-tablet-10mg}
 * @param display human name, e.g. "baclofen 10 mg oral tablet"
 * @param route oral or intrathecal
 * @param strength amount of baclofen per {@code unitOfPresentation}
 * @param strengthUnit UCUM unit of {@code strength}: {@code mg} (oral) or {@code ug} (intrathecal)
 * @param unitOfPresentation what one unit is: {@code tablet}, {@code packet} or {@code mL}
 * @param rxnormCodes RxNorm SCD/SBD codes of this product (may be empty)
 * @param synonyms brand names and other names
 */
public record BaclofenProduct(
        String id,
        String display,
        Route route,
        BigDecimal strength,
        String strengthUnit,
        String unitOfPresentation,
        List<String> rxnormCodes,
        List<String> synonyms) {

    public enum Route {
        ORAL,
        INTRATHECAL
    }
}
