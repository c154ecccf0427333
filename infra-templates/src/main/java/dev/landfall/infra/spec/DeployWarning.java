package dev.landfall.infra.spec;

import java.util.Objects;

/**
 * Something a spec allows that AWS will deploy, but that defeats running in several regions or
 * zones. Not an error: the operator may accept it knowingly.
 *
 * @param pointer JSON pointer of the field the warning is about, e.g. {@code /image}
 * @param message what is at risk
 * @param fix what to change to remove the warning
 */
public record DeployWarning(String pointer, String message, String fix) {
    public DeployWarning {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
