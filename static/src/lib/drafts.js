// Drafts that survive a reload or a dropped connection: a signal mirrored in localStorage,
// kept per signed-in member so a shared phone does not show one member's draft to another.
import { effect, signal } from "@preact/signals";
import { useEffect, useMemo } from "preact/hooks";
import { me } from "./session.js";

function storageKey(name, userId) {
  return `rajut.draft.${userId || "anon"}.${name}`;
}

/** A component's draft called `name` (e.g. "journal:<relationship id>"); `.clear()` after sending. */
export function useDraft(name, initial = "") {
  // keyed by the member once `me` has loaded (a form may mount before it has)
  const userId = me.value?.user?.id;
  const value = useMemo(() => {
    const s = signal(localStorage.getItem(storageKey(name, userId)) ?? initial);
    s.clear = () => (s.value = initial);
    return s;
  }, [name, userId]);
  useEffect(
    () =>
      effect(() => {
        if (value.value === initial) localStorage.removeItem(storageKey(name, userId));
        else localStorage.setItem(storageKey(name, userId), value.value);
      }),
    [value],
  );
  return value;
}
