import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { BadRequestError } from "../errors.js";

/**
 * The client's IP: behind a trusted proxy, the last X-Forwarded-For hop (the address the proxy saw;
 * earlier hops come from the client and are free to forge), else the socket's peer. A last hop that
 * is not an IP address is refused: it is keyed and stored, and a proxy never writes one.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (fwd && isIP(fwd) === 0) throw new BadRequestError("X-Forwarded-For must end with an IP address");
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (app.request) have no socket
  }
}
