// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function Directory() {
  return html`<${Page} title="Directory" />`;
}

export function Suggestions() {
  return html`<${Page} title="Suggestions" />`;
}
