import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** The client's IP: the first X-Forwarded-For hop behind a trusted proxy, else the socket's peer. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (app.request) have no socket
  }
}
