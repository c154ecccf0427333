package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.verify.latency.corpus.BundleTemplateCorpus;
import dev.landfall.verify.latency.corpus.NdjsonCorpus;
import dev.landfall.verify.latency.corpus.RequestCorpus;
import dev.landfall.verify.latency.corpus.RequestTemplate;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The requests a dual run sends, for every command that runs one ({@code verify latency},
 * {@code cutover}): an NDJSON file, or one request per exported key of a bundle.
 */
public final class RequestCorpusOptions {
    @Option(names = "--requests", paramLabel = "FILE", description = "NDJSON requests: method, path, headers, body.")
    Path requests;

    @Option(
            names = "--requests-from",
            paramLabel = "bundle:DIR",
            description = "Make a request per exported key of a bundle (with --template).")
    String requestsFrom;

    @Option(
            names = "--template",
            paramLabel = "T",
            description = "'METHOD PATH [BODY]' with {key}, {value}, {scope}, e.g. 'GET /v1/keys/{key}'.")
    String template;

    /**
     * Refuses a missing or contradictory choice before anything is sent.
     *
     * @param whatFor the hint when neither option is given: what the requests are for
     */
    public void check(String whatFor) {
        if ((requests == null) == (requestsFrom == null)) {
            throw LandfallException.usage(
                    "give exactly one of --requests FILE and --requests-from bundle:DIR", whatFor);
        }
        if (requestsFrom != null && template == null) {
            throw LandfallException.usage(
                    "--requests-from needs --template", "for example --template 'GET /v1/keys/{key}'");
        }
        if (requests != null && template != null) {
            throw LandfallException.usage(
                    "--template only applies to --requests-from", "drop --template, or use --requests-from bundle:DIR");
        }
    }

    /** Opens the corpus afresh; call {@link #check(String)} first. */
    public RequestCorpus open() throws IOException {
        if (requests != null) {
            return NdjsonCorpus.open(requests);
        }
        if (!requestsFrom.startsWith("bundle:") || requestsFrom.length() == "bundle:".length()) {
            throw LandfallException.usage(
                    "--requests-from " + requestsFrom + " is not bundle:DIR",
                    "give the bundle that landfall export wrote");
        }
        return BundleTemplateCorpus.open(
                Path.of(requestsFrom.substring("bundle:".length())), RequestTemplate.parse(template));
    }
}
