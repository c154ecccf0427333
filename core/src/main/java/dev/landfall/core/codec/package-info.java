/**
 * Typed JSON: the lossless JSON encoding of Durable Object values (structured-clone values),
 * specified in {@code docs/typed-json.md} and pinned by {@code docs/typed-json-vectors.json}.
 *
 * <p>{@link dev.landfall.core.codec.TypedValue} models a value; {@link
 * dev.landfall.core.codec.TypedJsonDecoder} reads typed JSON into it; {@link
 * dev.landfall.core.codec.TypedJsonEncoder} writes the canonical form back; {@link
 * dev.landfall.core.codec.CanonicalTypedJson} tells bytes already in that form, which readers keep
 * as they are; {@link dev.landfall.core.codec.PlainJsonRenderer} gives a lossy plain-JSON view.
 */
package dev.landfall.core.codec;
