// Small shared pieces: page frame, form fields, errors, and hooks around the data layer.
// Screens compose these; anything used by only one screen stays in that screen's file.
import { useSignal } from "@preact/signals";
import { useCallback, useEffect, useId, useRef, useState } from "preact/hooks";
import { gql, live } from "./api.js";
import { html } from "./html.js";
import { t } from "./i18n.js";

/** A screen: sets the document title and moves focus to the heading when the screen opens,
 * so keyboard and screen-reader users land at the top of what changed. */
export function Page({ title, children, actions }) {
  const heading = useRef(null);
  useEffect(() => {
    document.title = `${title} · Rajut`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return html`<section class="page">
    <header class="page-head">
      <h1 tabindex="-1" ref=${heading}>${title}</h1>
      ${actions && html`<div class="actions">${actions}</div>`}
    </header>
    ${children}
  </section>`;
}

/** A labelled input bound to a signal. `error` (a string) is announced and linked to the input. */
export function Field({ label, value, type = "text", error, hint, multiline, rows = 4, ...rest }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const props = {
    id,
    value: value.value,
    onInput: (e) => (value.value = type === "checkbox" ? e.currentTarget.checked : e.currentTarget.value),
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy,
    ...rest,
  };
  if (type === "checkbox") {
    return html`<div class="field check">
      <input type="checkbox" ...${props} checked=${value.value} value=${undefined} />
      <label for=${id}>${label}</label>
      ${hint && html`<small id=${`${id}-hint`}>${hint}</small>`}
    </div>`;
  }
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${multiline ? html`<textarea rows=${rows} ...${props}></textarea>` : html`<input type=${type} ...${props} />`}
    ${hint && html`<small id=${`${id}-hint`}>${hint}</small>`}
    ${error && html`<small class="error" id=${`${id}-error`}>${error}</small>`}
  </div>`;
}

/** A labelled select bound to a signal; `options` is [[value, label], …]. */
export function Select({ label, value, options, ...rest }) {
  const id = useId();
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <select id=${id} value=${value.value} onChange=${(e) => (value.value = e.currentTarget.value)} ...${rest}>
      ${options.map(([v, text]) => html`<option value=${v}>${text}</option>`)}
    </select>
  </div>`;
}

/** The API's error in the viewer's language: a known code gets a friendly sentence, and the
 * server's own message (specific, English) follows for detail. */
export function ErrorNote({ error }) {
  if (!error) return null;
  const known = t(`error.${error.code}`);
  const friendly = known === `error.${error.code}` ? t("error.INTERNAL") : known;
  return html`<div class="note error" role="alert">
    <strong>${friendly}</strong>${error.code !== "NETWORK" && error.message ? html` <span>${error.message}</span>` : ""}
  </div>`;
}

export function Notice({ children, kind = "info" }) {
  return html`<div class=${`note ${kind}`} role="status">${children}</div>`;
}

export function Loading() {
  return html`<p class="loading" role="status" aria-live="polite">${t("common.loading")}</p>`;
}

export function Empty({ children }) {
  return html`<p class="empty">${children}</p>`;
}

/** Run a query when the component mounts and whenever `deps` change.
 * Returns { data, error, loading, reload }. */
export function useQuery(query, variables = {}, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    gql(query, variables).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => (current = false);
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** A mutation (or any async step) behind a button: { run, pending, error }. `run` resolves to the
 * result, or to undefined after showing the error. */
export function useAction(fn) {
  const pending = useSignal(false);
  const error = useSignal(null);
  const run = async (...args) => {
    pending.value = true;
    error.value = null;
    try {
      return await fn(...args);
    } catch (err) {
      error.value = err;
      return undefined;
    } finally {
      pending.value = false;
    }
  };
  return { run, pending, error };
}

/** Subscribe while mounted; `variables` is kept by reference (see api.live). */
export function useLive(query, variables, onData, deps = []) {
  useEffect(() => live(query, variables, onData), deps);
}

export function Button({ pending, children, kind = "primary", ...rest }) {
  return html`<button class=${`btn ${kind}`} disabled=${pending?.value} aria-busy=${pending?.value ? "true" : undefined} ...${rest}>
    ${children}
  </button>`;
}

/** Submit handler that stops the browser's own navigation. */
export const onSubmit = (fn) => (event) => {
  event.preventDefault();
  fn(event);
};

/** Hand `blob` to the browser's downloads as `name` (a blob URL, let go once the download
 * has had time to start). */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
