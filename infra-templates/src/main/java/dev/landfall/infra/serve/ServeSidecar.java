package dev.landfall.infra.serve;

import dev.landfall.infra.spec.ServeSpec;

/**
 * The {@code landfall serve} container beside the service in a Fargate task: the same image for
 * every region, so it finds its region's store the way the service does, from {@code
 * LANDFALL_STORE_URL} (a secret) or {@code LANDFALL_STORE_KIND} and {@code
 * LANDFALL_STORE_ENDPOINT}. It listens on the task's loopback only: containers of a task share
 * one network namespace, and nothing outside the task has a reason to reach it.
 */
public final class ServeSidecar {
    /** The container's name in the task definition. */
    public static final String CONTAINER = "landfall-serve";
    /** The variable that tells the service where serve is. */
    public static final String URL_VARIABLE = "LANDFALL_SERVE_URL";

    private ServeSidecar() {}

    /**
     * The {@code sh -c} script the container runs. No {@code ${...}}: Terraform would read it as
     * interpolation.
     */
    public static String script(ServeSpec serve) {
        return "if [ -n \"$LANDFALL_STORE_URL\" ]; then store=\"$LANDFALL_STORE_URL\"; else case"
                + " \"$LANDFALL_STORE_ENDPOINT\" in *://*) store=\"$LANDFALL_STORE_ENDPOINT\" ;; *)"
                + " store=\"$LANDFALL_STORE_KIND://$LANDFALL_STORE_ENDPOINT\" ;; esac; fi; exec " + ServeJvm.command()
                + " --store \"$store\" --listen " + serve.loopbackAddress();
    }

    /** The value of {@link #URL_VARIABLE}. */
    public static String url(ServeSpec serve) {
        return "http://" + serve.loopbackAddress();
    }
}
