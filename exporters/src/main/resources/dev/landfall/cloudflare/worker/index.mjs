// Landfall's export Worker: the pieces an operator imports (docs/export-worker-protocol.md).
export { withLandfallExport } from "./export-do.mjs";
export { exportRouter } from "./router.mjs";
export { withLandfallCapture } from "./capture.mjs";
export { LandfallChangeLog } from "./change-log.mjs";
export { encode, UnencodableError, TYPED_JSON_VERSION } from "./typed-json.mjs";
export { PROTOCOL_VERSION } from "./protocol.mjs";
