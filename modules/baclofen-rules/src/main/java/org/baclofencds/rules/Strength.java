package org.baclofencds.rules;

import java.math.BigDecimal;

/**
 * How much baclofen one unit of presentation holds, e.g. 2 mg per mL.
 *
 * @param mgPerUnit milligrams of baclofen per {@code per}
 * @param per the unit of presentation (mL, tablet or packet)
 * @param description how the strength reads, e.g. "2 mg/mL"
 * @param from where it comes from, e.g. "product baclofen 2 mg/mL oral solution"
 */
public record Strength(BigDecimal mgPerUnit, Units.DoseUnit per, String description, String from) {}
