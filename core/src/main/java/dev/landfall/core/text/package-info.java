/**
 * Text that came from outside Landfall (a Cloudflare account, a bundle, a wrangler file) made safe
 * to print. It sits below {@code core.model} and {@code core.report} so that a scope's {@code
 * describe()} and every report can share one rule.
 */
package dev.landfall.core.text;
