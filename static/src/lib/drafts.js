// Drafts that survive a reload or a dropped connection: a signal mirrored in localStorage,
// kept per signed-in member so a shared phone does not show one member's draft to another.
import { effect, signal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { me } from "./session.js";

function storageKey(name) {
  return `rajut.draft.${me.peek()?.user?.id || "anon"}.${name}`;
}

/** A component's draft called `name` (e.g. "journal:<relationship id>"); `.clear()` after sending. */
export function useDraft(name, initial = "") {
  const value = useMemo(() => {
    const s = signal(localStorage.getItem(storageKey(name)) ?? initial);
    s.clear = () => (s.value = initial);
    return s;
  }, [name]);
  useEffect(
    () =>
      effect(() => {
        if (value.value === initial) localStorage.removeItem(storageKey(name));
        else localStorage.setItem(storageKey(name), value.value);
      }),
    [value],
  );
  return value;
}
