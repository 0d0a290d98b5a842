// The checks of `npm run dev -- --smoke`: the indexer answers /status for the dev chain, and the web app
// serves the map page with every one of its modules (a module that fails to compile or imports a
// missing file, such as an ABI that was never generated, is a 500 from the dev server).

/** Calls `check` every 250 ms until it returns a value; after `ms`, throws `what` and the last error. */
export async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last = "no answer";
  for (;;) {
    const value = await check().catch((e: Error) => {
      last = e.message;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${Math.round(ms / 1000)} s: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The indexer's /status, if it is indexing chain `chainId`. */
export async function indexerStatus(indexerUrl: string, chainId: number) {
  const res = await fetch(`${indexerUrl}/status`);
  const status = (await res.json()) as { chainId?: number; indexed?: string };
  if (!res.ok || status.chainId !== chainId || status.indexed === undefined)
    throw new Error(`/status answered ${res.status} ${JSON.stringify(status)}`);
  return status;
}

const moduleImport = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\/src\/[^"']+)["']/g;

/**
 * Loads the web app's page and then, as a browser would, its entry module and every app module it
 * imports (paths under /src; dependencies are the dev server's prebundled packages). Returns how
 * many modules were served; throws naming the first request that failed.
 */
export async function webServesApp(webUrl: string): Promise<number> {
  const page = await fetch(webUrl);
  const html = await page.text();
  if (!page.ok || !html.includes('<div id="root">'))
    throw new Error(`GET / answered ${page.status} without the app's root element`);
  const queue = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1] as string);
  if (queue.length === 0) throw new Error("the page has no module script");
  const seen = new Set(queue);
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const res = await fetch(new URL(path, webUrl));
    const code = await res.text();
    if (!res.ok) {
      // Vite's error page carries the compiler's message as JSON.
      const message = /"message":("(?:[^"\\]|\\.)*")/.exec(code)?.[1];
      throw new Error(
        `GET ${path} answered ${res.status}: ${message ? JSON.parse(message) : code.slice(0, 300)}`,
      );
    }
    for (const [, next] of code.matchAll(moduleImport))
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return seen.size;
}
