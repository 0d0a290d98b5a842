import { lazy, Suspense, useState } from "react";
import { WalletGate } from "../wallet/WalletProvider";
import { IntroText } from "./IntroText";

// The live numbers come with the wallet code (contract reads), after the map is up.
const LiveIntro = lazy(() => import("./LiveIntro").then((m) => ({ default: m.LiveIntro })));

const SEEN = "hexads.introSeen";

/** Shown until the visitor dismisses it once. */
export function Intro() {
  const [open, setOpen] = useState(() => localStorage.getItem(SEEN) === null);
  if (!open) return null;
  const close = () => {
    localStorage.setItem(SEEN, "1");
    setOpen(false);
  };
  return (
    <WalletGate fallback={<IntroText onClose={close} />}>
      <Suspense fallback={<IntroText onClose={close} />}>
        <LiveIntro onClose={close} />
      </Suspense>
    </WalletGate>
  );
}
