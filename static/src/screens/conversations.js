// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function Conversations() {
  return html`<${Page} title="Conversations" />`;
}

export function Thread() {
  return html`<${Page} title="Thread" />`;
}
