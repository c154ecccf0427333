/**
 * {@code landfall inventory}: an account's map (scripts, bindings, KV and Durable Object
 * namespaces), what each binding type becomes on the container side ({@link
 * dev.landfall.cloudflare.inventory.BindingKind}), an assessment from five questions and the
 * export time under the API budget, rendered as text, Markdown, JSON or HTML.
 */
package dev.landfall.cloudflare.inventory;
