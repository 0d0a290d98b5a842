// autocannon in a worker thread, so the load generator does not share the server's event loop.
// Plain JavaScript: Node 20 cannot start a worker from a .ts file. Job and result: see clicks.ts.
// Each request takes the next prepared body (clicks are single-use); without bodies it sends a GET.
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

const job = workerData;
const bodies = job.bodies;
let next = 0;
const opts = {
  url: job.url,
  connections: job.connections,
  ...(bodies ? { amount: bodies.length } : { duration: job.seconds }),
  requests: [
    bodies
      ? {
          method: "POST",
          path: job.path,
          setupRequest: (req) => {
            const b = bodies[next++];
            if (!b) return req; // past the prepared set: autocannon is stopping
            return {
              ...req,
              body: b.body,
              headers: { "content-type": "application/json", "x-forwarded-for": b.ip },
            };
          },
        }
      : { method: "GET", path: job.path },
  ],
};
const instance = autocannon(opts, (err, raw) => {
  if (err) throw err;
  // Off the main thread autocannon hands back raw histograms.
  const result = autocannon.aggregateResult([raw], { url: job.url });
  parentPort?.postMessage({
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  });
});
// A bounded run: the prepared clicks run out or the time is up, whichever comes first.
setTimeout(() => instance.stop(), job.seconds * 1000).unref();
