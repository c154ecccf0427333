/**
 * Status pages for long-running processes (the live-migration follower, later {@code landfall
 * serve}), in the Kubernetes z-pages convention plus Prometheus metrics.
 *
 * <p>Wiring, in the caller: make one {@link dev.landfall.core.status.Metrics} and the process's
 * meter set on it ({@link dev.landfall.core.status.FollowMetrics}), which the process updates as it
 * works whether or not anything serves them; when {@code --status-addr} is given, parse it with
 * {@link dev.landfall.core.status.StatusAddress#parse} before any I/O and {@link
 * dev.landfall.core.status.StatusServer#start} with a {@link dev.landfall.core.status.StatusSource}
 * the process implements, warn on stderr when {@link
 * dev.landfall.core.status.StatusServer#loopbackOnly()} is false, and close the server when the
 * process stops. Operators' guide: {@code docs/status-pages.md}.
 */
package dev.landfall.core.status;
