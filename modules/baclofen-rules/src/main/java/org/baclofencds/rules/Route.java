package org.baclofencds.rules;

/** How a baclofen order is given. */
public enum Route {
    ORAL("oral"),
    INTRATHECAL("intrathecal"),
    /** A stated route that is neither oral/enteral nor intrathecal (IV, IM, epidural …). */
    OTHER("other");

    private final String label;

    Route(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
