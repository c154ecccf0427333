package dev.landfall.cloudflare.inventory;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one table of what each Workers binding type becomes on the container side, and whether
 * Landfall moves its data. {@code docs/inventory.md} shows this table; a test keeps the two equal.
 * Types Cloudflare adds later fall to {@link #UNKNOWN}, which names the type and says so.
 */
public enum BindingKind {
    KV(
            "kv_namespace",
            "Workers KV",
            true,
            true,
            "the service's store: Redis (hot path), PostgreSQL or SQLite, read in-process",
            "landfall migrate --from cloudflare://ACCOUNT --to STORE (docs/migrate.md)"),
    DURABLE_OBJECT(
            "durable_object_namespace",
            "Durable Objects",
            true,
            true,
            "one owner per object id in the service (a keyed actor or a row lock) over the same store",
            "export through the export Worker, then landfall import; route each id to one task"),
    QUEUE(
            "queue",
            "Queues",
            false,
            true,
            "Amazon SQS, or Redis Streams / NATS when it must be self-hostable",
            "point producers at the new queue, let the Cloudflare consumer drain the old one, then delete it"),
    WORKFLOW(
            "workflow",
            "Workflows",
            false,
            true,
            "a durable job table in the store with a worker loop, or Temporal",
            "start new runs on the container side; let running instances finish on Cloudflare"),
    R2(
            "r2_bucket",
            "R2",
            false,
            true,
            "Amazon S3, or MinIO when it must be self-hostable (both speak the S3 API)",
            "copy with rclone or aws s3 sync against R2's S3 endpoint; switch the client's endpoint"),
    D1(
            "d1",
            "D1",
            false,
            true,
            "SQLite in the container, or PostgreSQL for several tasks",
            "wrangler d1 export DB --output dump.sql, then load the SQL dump"),
    ANALYTICS_ENGINE(
            "analytics_engine",
            "Analytics Engine",
            false,
            true,
            "ClickHouse (batched inserts from the long-lived process)",
            "write events to ClickHouse; load history with landfall import --from events:FILE"),
    SERVICE(
            "service",
            "service binding",
            false,
            true,
            "an HTTP or RPC call to the other service (internal DNS), or an in-process module",
            "move or expose the bound Worker first; its name tells which"),
    HYPERDRIVE(
            "hyperdrive",
            "Hyperdrive",
            false,
            true,
            "a connection pool in the process, straight to the database",
            "give the service the database URL (a secret) instead of the Hyperdrive id"),
    VECTORIZE(
            "vectorize",
            "Vectorize",
            false,
            true,
            "pgvector in PostgreSQL, or another vector index",
            "re-insert the vectors from their source embeddings"),
    AI(
            "ai",
            "Workers AI",
            false,
            true,
            "a model API, or a self-hosted model server",
            "call the provider's API from the service"),
    BROWSER(
            "browser",
            "Browser Rendering",
            false,
            true,
            "headless Chromium in a sidecar container",
            "run the same Puppeteer/Playwright code against the sidecar"),
    RATE_LIMIT(
            "ratelimit",
            "Rate Limiting",
            false,
            true,
            "a rate limiter in the service, shared through Redis",
            "recreate the limits in configuration"),
    DISPATCH_NAMESPACE(
            "dispatch_namespace",
            "Workers for Platforms",
            false,
            true,
            "tenant routing inside the service or per-tenant containers",
            "a redesign: no drop-in equivalent"),
    SEND_EMAIL(
            "send_email",
            "Email Routing",
            false,
            true,
            "Amazon SES or any SMTP relay",
            "verify the sender domain with the new provider"),
    PIPELINES(
            "pipelines",
            "Pipelines",
            false,
            true,
            "Amazon Data Firehose, or Kafka when it must be self-hostable",
            "point the writer at the new stream"),
    MTLS_CERTIFICATE(
            "mtls_certificate",
            "mTLS certificate",
            false,
            true,
            "the client certificate as a secret, used by the HTTP client",
            "re-issue or copy the certificate into the secret store"),
    SECRETS_STORE(
            "secrets_store_secret",
            "Secrets Store",
            false,
            true,
            "AWS Secrets Manager or SSM Parameter Store (landfall.yaml references it)",
            "values cannot be read back: set them again from where they are kept"),
    ASSETS(
            "assets",
            "static assets",
            false,
            true,
            "files served by the container, or S3 behind a CDN",
            "copy the built assets into the image"),
    IMAGES(
            "images",
            "Images",
            false,
            true,
            "an image library (libvips) or imgproxy in a sidecar",
            "move transformations into the service"),
    SECRET(
            "secret_text",
            "secret",
            false,
            false,
            "AWS Secrets Manager or SSM Parameter Store (landfall.yaml references it)",
            "values cannot be read back: set them again from where they are kept"),
    PLAIN_TEXT(
            "plain_text",
            "variable",
            false,
            false,
            "an environment variable of the task",
            "copy it into landfall.yaml's environment"),
    JSON(
            "json",
            "JSON variable",
            false,
            false,
            "an environment variable or a config file",
            "copy it into landfall.yaml's environment"),
    VERSION_METADATA(
            "version_metadata",
            "version metadata",
            false,
            false,
            "build information baked into the image",
            "set it at build time"),
    MODULE("wasm_module", "module part", false, false, "part of the container image", "bundle it with the code"),
    UNKNOWN(
            "",
            "unknown type",
            false,
            true,
            "no known equivalent",
            "look the type up in Cloudflare's docs; Landfall does not move it");

    private final String type;
    private final String label;
    private final boolean migrates;
    private final boolean vendorSpecific;
    private final String equivalent;
    private final String how;

    BindingKind(String type, String label, boolean migrates, boolean vendorSpecific, String equivalent, String how) {
        this.type = type;
        this.label = label;
        this.migrates = migrates;
        this.vendorSpecific = vendorSpecific;
        this.equivalent = equivalent;
        this.how = how;
    }

    /** The kind of a binding {@code type} as Cloudflare sends it; {@link #UNKNOWN} for types not in the table. */
    public static BindingKind of(String type) {
        Objects.requireNonNull(type, "type");
        if (type.equals("text_blob") || type.equals("data_blob")) {
            return MODULE;
        }
        return Arrays.stream(values())
                .filter(k -> k != UNKNOWN && k.type.equals(type))
                .findFirst()
                .orElse(UNKNOWN);
    }

    /** Cloudflare's type name ({@code kv_namespace}); {@code ""} for {@link #UNKNOWN}. */
    public String type() {
        return type;
    }

    /** The product's name, for people ("Workers KV"). */
    public String label() {
        return label;
    }

    /** Whether Landfall moves the data behind it (KV and Durable Objects only). */
    public boolean migrates() {
        return migrates;
    }

    /** Whether it is a Cloudflare service (counted by the assessment), not plain configuration. */
    public boolean vendorSpecific() {
        return vendorSpecific;
    }

    /** What takes its place on the container side. */
    public String equivalent() {
        return equivalent;
    }

    /** How to move it. */
    public String how() {
        return how;
    }
}
