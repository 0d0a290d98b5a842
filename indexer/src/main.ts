import pino from "pino";
import { loadConfig } from "./config.js";
import { startIndexer } from "./indexer.js";

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL });
const indexer = await startIndexer(config, log);
// Tests and tools read this line to learn the port when PORT=0.
if (indexer.port !== undefined) console.log(`HEXADS_INDEXER_PORT=${indexer.port}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    log.info({ signal }, "shutting down");
    await indexer.stop();
    process.exit(0);
  });
}
