/**
 * Signed viewability: before a click is paid, the viewer's browser reports, signed by its session
 * key, that the ad is at least half on screen; the indexer dates the report on its own clock and
 * answers with the impression token carrying that date. A click is paid only with such a token
 * whose report is at least the indexer's `CLICK_VIEWABLE_MS` old, so the ad stayed on screen for
 * that long (as the browser tells it) and a script must wait that long between report and click.
 */

/** Least share of an ad's area on screen for it to count as seen (the industry's display rule). */
export const VIEWABLE_MIN_RATIO = 0.5;

/** Least continuous time on screen, in ms, from the report to a paid click (`CLICK_VIEWABLE_MS`). */
export const DEFAULT_VIEWABLE_MS = 1000;

/** The message a session key signs (P-256, IEEE P1363) to report an impression on screen. */
export const viewableMessage = (token: string) => `hexads-viewable:${token}`;

/** Signs a message with the viewer's session key: WebCrypto in the browser, node:crypto in tools. */
export type SessionSigner = (message: string) => string | Promise<string>;

/** The body of POST /impressions/viewable for an ad's impression token. */
export const viewableRequest = async (token: string, sign: SessionSigner) => ({
  token,
  signature: await sign(viewableMessage(token)),
});

/** A viewability proof: the token to click, and the local time (ms) from which its click is paid. */
export interface ViewableProof {
  token: string;
  clickableAt: number;
}

/**
 * Reports `token` on screen through `post` (POST /impressions/viewable) and returns the proof. The
 * indexer dates the report before it answers, so a click sent `minMs` after the answer arrived is
 * at least `minMs` after that date on the indexer's clock, whatever the network's delay.
 */
export async function proveViewable(opts: {
  token: string;
  sign: SessionSigner;
  post: (body: { token: string; signature: string }) => Promise<{ token: string }>;
  minMs?: number;
  now?: () => number;
}): Promise<ViewableProof> {
  const { token } = await opts.post(await viewableRequest(opts.token, opts.sign));
  return { token, clickableAt: (opts.now ?? Date.now)() + (opts.minMs ?? DEFAULT_VIEWABLE_MS) };
}
