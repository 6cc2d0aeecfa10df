package org.baclofencds.cli;

/** Entry point of baclofen-cds.jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {}
}
