package org.baclofencds.rules;

/**
 * A baclofen order with its route and daily dose.
 *
 * @param order the order
 * @param route oral (enteral included), intrathecal or other
 * @param routeNote how the route was decided, e.g. "route SNOMED 26643006", "route not stated; taken as oral"
 * @param dose the daily dose (mg/day oral, ug/day intrathecal) or why it is not computable
 * @param productRoute the route of the identified product, null when no product was identified
 */
public record BaclofenOrder(MedicationOrder order, Route route, String routeNote, DailyDose dose, Route productRoute) {

    public boolean oral() {
        return route == Route.ORAL;
    }

    public boolean intrathecal() {
        return route == Route.INTRATHECAL;
    }

    public boolean current() {
        return order.current();
    }

    public boolean computable() {
        return dose.computable();
    }
}
