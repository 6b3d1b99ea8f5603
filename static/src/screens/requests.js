// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function Requests() {
  return html`<${Page} title="Requests" />`;
}
