// A menu button's keyboard behaviour (WAI-ARIA menu button): ArrowDown opens and enters the menu,
// arrows move between items, Home and End jump, Escape closes and returns to the button.
import { type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";

export function useMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusItem = (i: number) => {
    const list = items();
    list[(i + list.length) % list.length]?.focus();
  };
  // ArrowDown on a closed menu focuses its first item once it is rendered (not on the next frame,
  // which a busy page, like one drawing the map in software, can delay by seconds).
  const focusFirst = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the menu opens; focusItem reads refs
  useLayoutEffect(() => {
    if (open && focusFirst.current) focusItem(0);
    focusFirst.current = false;
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const buttonProps = {
    ref: button,
    "aria-expanded": open,
    "aria-haspopup": "menu" as const,
    onClick: () => setOpen(!open),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (open) focusItem(0);
        else {
          focusFirst.current = true;
          setOpen(true);
        }
      } else if (e.key === "Escape") setOpen(false);
    },
  };
  const menuProps = {
    ref: menu,
    role: "menu",
    onKeyDown: (e: KeyboardEvent) => {
      const at = items().indexOf(document.activeElement as HTMLElement);
      const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: -1 }[e.key];
      if (to !== undefined) {
        e.preventDefault();
        focusItem(to);
      } else if (e.key === "Escape") close();
    },
  };
  return { open, setOpen, buttonProps, menuProps };
}
