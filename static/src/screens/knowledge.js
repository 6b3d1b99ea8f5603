// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function Knowledge() {
  return html`<${Page} title="Knowledge" />`;
}

export function Article() {
  return html`<${Page} title="Article" />`;
}
