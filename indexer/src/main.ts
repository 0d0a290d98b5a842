import pino from "pino";
import { loadConfig } from "./config.js";
import { startIndexer } from "./indexer.js";
import { gazetteer } from "./places/gazetteer.js";

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
const indexer = await startIndexer(config, log);
// Tests and tools read this line to learn the port when PORT=0.
if (indexer.port !== undefined) console.log(`HEXADS_INDEXER_PORT=${indexer.port}`);
// Build the gazetteer now rather than in the first request that names a plot.
gazetteer();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    log.info({ signal }, "shutting down");
    await indexer.stop();
    process.exit(0);
  });
}
