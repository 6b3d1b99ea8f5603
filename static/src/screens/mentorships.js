// (placeholder until this screen is built)
import { html } from "../lib/html.js";
import { Page } from "../lib/ui.js";

export function Home() {
  return html`<${Page} title="Home" />`;
}

export function Mentorships() {
  return html`<${Page} title="Mentorships" />`;
}

export function Mentorship() {
  return html`<${Page} title="Mentorship" />`;
}
