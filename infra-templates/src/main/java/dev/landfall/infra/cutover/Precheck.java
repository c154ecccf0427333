package dev.landfall.infra.cutover;

import java.util.List;

/** A condition that must hold before the next step moves traffic. */
public interface Precheck {
    /** What is checked, for messages: {@code ECS service api in eu-west-1 steady}. */
    String label();

    /** The problems found now; empty when the step may go ahead. */
    List<String> problems();
}
