import { isIPv4, isIPv6 } from "node:net";
import type { CheckResult } from "./checkResult.js";

export interface SubnetLimit {
  /** Most distinct viewers whose signed clicks one subnet carries per window. */
  viewers: number;
  seconds: number;
}

/** A home or office has a few people behind its address; a click farm has many wallets behind few. */
export const DEFAULT_SUBNET_LIMIT: SubnetLimit = { viewers: 30, seconds: 3600 };

/**
 * The network a client address belongs to, as one provider hands it out: its /24 for IPv4 (an
 * IPv4-mapped IPv6 address counts as IPv4), its /64 for IPv6 (one home's or phone's whole prefix).
 * Anything else is its own subnet.
 */
export function subnetOf(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  if (isIPv4(v4)) return `${v4.split(".").slice(0, 3).join(".")}.0/24`;
  const v6 = ip.split("%")[0] ?? ip;
  if (!isIPv6(v6)) return ip;
  // A trailing dotted quad is the last two groups.
  const hex = v6.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [Number(a) * 256 + Number(b), Number(c) * 256 + Number(d)].map((g) => g.toString(16)).join(":"),
  );
  const [head = "", tail] = hex.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * `known`: the viewer's signed clicks already passed this rule within the window; `viewers`: how
 * many distinct viewers did so behind its subnet. A known viewer keeps its place; a new one is
 * refused once the subnet is full.
 */
export function checkSubnet(
  known: boolean,
  viewers: number,
  limit: SubnetLimit = DEFAULT_SUBNET_LIMIT,
): CheckResult {
  return !known && viewers >= limit.viewers ? "subnet_crowded" : null;
}
