// What the browser, the indexer and the tools must agree on. Node-only helpers: "@hexads/protocol/node".
export * from "./chains.js";
export * from "./creative.js";
export * from "./delivery.js";
export * from "./deployment.js";
export * from "./leafFile.js";
export * from "./reasons.js";
export * from "./session.js";
export * from "./split.js";
export * from "./viewability.js";
