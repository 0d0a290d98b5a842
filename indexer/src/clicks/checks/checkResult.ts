import type { RejectReason } from "@hexads/protocol";

/** A check's verdict: `null` passes, a reason rejects. */
export type CheckResult = RejectReason | null;
