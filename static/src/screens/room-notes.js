// The shared notes editor's engine, in a chunk of its own (yjs + y-websocket) loaded only when a
// room shows its notes. A plain <textarea> bound to the note's Y.Text "text": local edits become
// the smallest delete/insert between the old and new value, remote edits update the textarea and
// move the caret with the text around it. While the socket is down, the document's state is kept
// in the member's draft (a signal mirrored in localStorage) and merged back on the next visit:
// Yjs applies what the server already has only once.
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

const LOCAL = "textarea";

const toBase64 = (bytes) => {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const high = (code) => code >= 0xd800 && code <= 0xdbff;
const low = (code) => code >= 0xdc00 && code <= 0xdfff;

/** The changed range between two strings: [start, removed, inserted text], never splitting a
 * surrogate pair (an emoji is one edit). */
export function diff(before, after) {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && high(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && low(before.charCodeAt(before.length - end))) end--;
  return [start, before.length - start - end, after.slice(start, after.length - end)];
}

/** Where a position goes after a remote change described by a Y.Text delta. */
function shift(position, delta) {
  let at = 0;
  for (const op of delta) {
    if (at > position) break;
    if (op.retain) at += op.retain;
    else if (op.insert) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      if (at < position) position += length;
      at += length;
    } else if (op.delete) {
      if (at < position) position -= Math.min(op.delete, position - at);
    }
  }
  return position;
}

function bind(text, textarea) {
  let shown = text.toString();
  textarea.value = shown;
  let composing = false;
  let waiting = false; // remote changes held back while an input method composes a word

  const onInput = () => {
    const value = textarea.value;
    const [start, removed, inserted] = diff(shown, value);
    shown = value;
    if (!removed && !inserted) return;
    text.doc.transact(() => {
      if (removed) text.delete(start, removed);
      if (inserted) text.insert(start, inserted);
    }, LOCAL);
  };
  const showRemote = (delta) => {
    const focused = document.activeElement === textarea;
    let { selectionStart: from, selectionEnd: to } = textarea;
    if (delta) [from, to] = [shift(from, delta), shift(to, delta)];
    shown = text.toString();
    textarea.value = shown;
    if (focused) textarea.setSelectionRange(from, to);
  };
  const observer = (event, transaction) => {
    if (transaction.origin === LOCAL) return;
    if (composing) waiting = true;
    else showRemote(event.delta);
  };
  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    onInput();
    if (waiting) {
      waiting = false;
      showRemote(null);
    }
  };
  text.observe(observer);
  textarea.addEventListener("input", onInput);
  textarea.addEventListener("compositionstart", onCompositionStart);
  textarea.addEventListener("compositionend", onCompositionEnd);
  return () => {
    text.unobserve(observer);
    textarea.removeEventListener("input", onInput);
    textarea.removeEventListener("compositionstart", onCompositionStart);
    textarea.removeEventListener("compositionend", onCompositionEnd);
  };
}

/**
 * Open note `room` (Note.websocketRoom) into `textarea`. `status(s)` hears "connecting", "synced",
 * "offline" or "denied" (access lost: 4403); `saved` is a draft signal holding the document's
 * state while it is not synced. Returns { close, addText(text) } (addText appends, e.g. what was
 * typed in the plain fallback editor).
 */
export function openNotes({ room, token, textarea, status, saved }) {
  const doc = new Y.Doc();
  if (saved.peek()) {
    try {
      Y.applyUpdate(doc, fromBase64(saved.peek()));
    } catch {
      saved.value = "";
    }
  }
  const text = doc.getText("text");
  const unbind = bind(text, textarea);
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const provider = new WebsocketProvider(`${scheme}//${location.host}/notes`, room, doc, {
    params: { token },
    disableBc: true,
  });

  let keepTimer = 0;
  let clearTimer = 0;
  const unsynced = () => !(provider.wsconnected && provider.synced);
  const save = () => {
    clearTimeout(keepTimer);
    if (unsynced() && text.length) saved.value = toBase64(Y.encodeStateAsUpdate(doc));
  };
  const keep = () => {
    // what was typed while not synced would be lost with the tab: keep the document's state
    clearTimeout(keepTimer);
    keepTimer = setTimeout(save, 300);
  };
  addEventListener("pagehide", save);
  doc.on("update", (_, origin) => {
    if (origin !== provider) keep();
  });
  const report = () => {
    clearTimeout(clearTimer);
    if (!unsynced()) {
      status("synced");
      // our side of the sync follows the server's: give it a moment, then the draft has served
      clearTimer = setTimeout(() => {
        if (!unsynced()) saved.value = "";
      }, 1500);
    } else {
      status(provider.shouldConnect ? (provider.wsconnected ? "connecting" : "offline") : "denied");
      if (text.length) keep();
    }
  };
  provider.on("status", report);
  provider.on("sync", report);
  provider.on("closed", report);
  provider.on("connection-close", report); // also when it never connected at all
  status("connecting");

  return {
    addText(extra) {
      const at = text.length;
      // not LOCAL: the binding shows it like a remote change, so it knows the new value
      doc.transact(() => text.insert(at, (at && !text.toString().endsWith("\n") ? "\n" : "") + extra), "draft");
    },
    close() {
      save();
      clearTimeout(clearTimer);
      removeEventListener("pagehide", save);
      unbind();
      provider.destroy();
      doc.destroy();
    },
  };
}
