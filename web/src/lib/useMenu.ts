// A menu button's keyboard behaviour (WAI-ARIA menu button): ArrowDown opens and enters the menu,
// arrows move between items, Home and End jump, Escape closes and returns to the button.
import { type KeyboardEvent, useRef, useState } from "react";

export function useMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusItem = (i: number) => {
    const list = items();
    list[(i + list.length) % list.length]?.focus();
  };
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
        setOpen(true);
        // The items exist after the next render.
        requestAnimationFrame(() => focusItem(0));
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
