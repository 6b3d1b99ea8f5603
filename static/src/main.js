// Entry point: styles, the shell, and the service worker that lets the shell start offline.
import "./app.css";
import { render } from "preact";
import { App } from "./app.js";
import { html } from "./lib/html.js";

const root = document.getElementById("app");
root.textContent = ""; // the page's "Rajut…" placeholder, shown until the script runs
render(html`<${App} />`, root);

if ("serviceWorker" in navigator && location.protocol !== "file:") {
  addEventListener("load", () => navigator.serviceWorker.register("/sw.js").catch(() => {}));
}
