package dev.landfall.sandbox;

/**
 * One route the sandbox serves.
 *
 * @param method the HTTP method
 * @param pathTemplate the path under {@code /client/v4}, written as in the OpenAPI subset ({@code
 *     /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/values/{key_name}})
 * @param operationId the OpenAPI operation id (Cloudflare's where the route is Cloudflare's; {@code
 *     sandbox-stats} for the stats route)
 * @param authenticated whether the route needs the bearer token (only the stats route does not)
 */
public record Route(String method, String pathTemplate, String operationId, boolean authenticated) {}
