// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function ProfileEditor() {
  return html`<${Page} title="ProfileEditor" />`;
}
