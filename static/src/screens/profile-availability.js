// The weekly availability grid: days × hours of toggle buttons, in the member's own time zone
// (the profile's, where the API keeps the windows). Phones show one day at a time; wider
// screens show the week. Arrow keys move between hours and days as the cells are laid out (one
// tab stop for the grid), Page Up/Down change the day, Home/End go to 00:00/23:00, Space or
// Enter toggles. Windows finer than an hour (19:30–21:00) are kept exactly: a partly
// covered hour shows as "mixed" until the member toggles it.
import { useRef, useState } from "preact/hooks";
import { html } from "../lib/html.js";
import { locale, t } from "../lib/i18n.js";

const DAY = 24 * 60;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

const minutes = (hhmm, isEnd) => {
  const [h, m] = hhmm.split(":").map(Number);
  const value = h * 60 + m;
  return isEnd && value === 0 ? DAY : value;
};
const hhmm = (value) => {
  const m = value % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/** Merge overlapping or touching [start, end) intervals. */
function merge(intervals) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** API windows → seven lists of minute intervals (Monday first). */
export function fromWindows(windows) {
  const days = WEEKDAYS.map(() => []);
  for (const w of windows) days[w.weekday].push([minutes(w.start, false), minutes(w.end, true)]);
  return days.map(merge);
}

/** Seven lists of intervals → API windows (midnight at the end of a day is "00:00"). */
export function toWindows(days) {
  return days.flatMap((intervals, weekday) => intervals.map(([s, e]) => ({ weekday, start: hhmm(s), end: hhmm(e) })));
}

function covered(intervals, from, to) {
  return intervals.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, to) - Math.max(s, from)), 0);
}

function without(intervals, from, to) {
  return intervals.flatMap(([s, e]) => (e <= from || s >= to ? [[s, e]] : [s < from && [s, from], e > to && [to, e]].filter(Boolean)));
}

/** "false", "true" or "mixed" for hour `h` of one day. */
function state(intervals, h) {
  const c = covered(intervals, h * 60, h * 60 + 60);
  return c === 0 ? "false" : c === 60 ? "true" : "mixed";
}

const tag = () => (locale.value === "en" ? "en-GB" : "id-ID");
const MONDAY = Date.UTC(2026, 5, 1);
export function dayName(weekday, style = "long") {
  return new Intl.DateTimeFormat(tag(), { weekday: style, timeZone: "UTC" }).format(new Date(MONDAY + weekday * 864e5));
}
export function clock(value) {
  const d = new Date(MONDAY + (value % DAY) * 6e4);
  const text = new Intl.DateTimeFormat(tag(), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(d);
  return value === DAY ? text.replace(/^00/, "24") : text;
}

/** A readable list of the week's windows, e.g. "Senin 19.30–21.00". */
export function summary(days) {
  return days
    .map((intervals, weekday) => intervals.length && `${dayName(weekday)} ${intervals.map(([s, e]) => `${clock(s)}–${clock(e)}`).join(", ")}`)
    .filter(Boolean);
}

/** `days` and `onChange(days)` come from the caller; `zone` is shown, not converted. */
export function AvailabilityGrid({ days, onChange, zone, labelId }) {
  const today = (new Date().getDay() + 6) % 7;
  const [cur, setCur] = useState({ day: today, hour: 8 });
  const grid = useRef(null);

  const focusCell = (day, hour) => {
    setCur({ day, hour });
    // after the render that shows the day (phones) and moves the tab stop
    requestAnimationFrame(() => grid.current?.querySelector(`[data-cell="${day}-${hour}"]`)?.focus());
  };
  const toggle = (day, hour) => {
    const next = days.map((d) => d.slice());
    const from = hour * 60;
    next[day] = state(days[day], hour) === "true" ? without(days[day], from, from + 60) : merge([...days[day], [from, from + 60]]);
    onChange(next);
    setCur({ day, hour });
  };
  const clearDay = (day) => onChange(days.map((d, i) => (i === day ? [] : d)));
  const copyToAll = (day) => onChange(days.map(() => days[day].map((iv) => iv.slice())));

  /** Arrow keys follow what the screen shows: the nearest visible cell in that direction. */
  const onKeyDown = (event) => {
    const cell = event.target.closest("[data-cell]");
    if (!cell) return;
    const [day, hour] = cell.dataset.cell.split("-").map(Number);
    const key = event.key;
    if (key === "Home" || key === "End") {
      event.preventDefault();
      return focusCell(day, key === "Home" ? 0 : 23);
    }
    if (key === "PageUp" || key === "PageDown") {
      event.preventDefault();
      return focusCell((day + (key === "PageDown" ? 1 : 6)) % 7, hour);
    }
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
    if (!dir) return;
    event.preventDefault();
    if (dir[0] && matchMedia("(max-width: 47.99rem)").matches) {
      // one day on screen: left and right step through the hours, on into the next day
      const next = hour + dir[0];
      return next < 0 ? focusCell((day + 6) % 7, 23) : next > 23 ? focusCell((day + 1) % 7, 0) : focusCell(day, next);
    }
    const here = cell.getBoundingClientRect();
    const cx = here.left + here.width / 2;
    const cy = here.top + here.height / 2;
    let best = null;
    for (const other of grid.current.querySelectorAll("[data-cell]")) {
      const r = other.getBoundingClientRect();
      if (!r.width) continue; // a hidden day
      const dx = r.left + r.width / 2 - cx;
      const dy = r.top + r.height / 2 - cy;
      const along = dx * dir[0] + dy * dir[1];
      if (along <= 1) continue;
      const score = along + Math.abs(dx * dir[1] + dy * dir[0]) * 3;
      if (!best || score < best[0]) best = [score, other];
    }
    if (best) focusCell(...best[1].dataset.cell.split("-").map(Number));
  };

  /** The day buttons are one tab stop too: arrows choose the day, Tab goes on to its hours. */
  const onDayKey = (event) => {
    const step = { ArrowLeft: 6, ArrowRight: 1, Home: 7 - cur.day, End: 6 - cur.day }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const bar = event.currentTarget;
    const day = (cur.day + step) % 7;
    setCur({ day, hour: cur.hour });
    requestAnimationFrame(() => bar.querySelector(`[data-day="${day}"]`)?.focus());
  };

  const total = days.reduce((sum, d) => sum + covered(d, 0, DAY), 0);
  return html`<div class="avail">
    <p class="muted" id=${`${labelId}-help`}>${t("profile.avail.help", { zone })}</p>
    <div class="avail-days" role="toolbar" aria-label=${t("profile.avail.chooseDay")} onKeyDown=${onDayKey}>
      ${WEEKDAYS.map(
        (d) => html`<button
          type="button"
          class="btn secondary"
          data-day=${d}
          aria-current=${d === cur.day ? "true" : undefined}
          tabindex=${d === cur.day ? 0 : -1}
          onClick=${() => setCur({ day: d, hour: cur.hour })}
          onFocus=${() => d !== cur.day && setCur({ day: d, hour: cur.hour })}
        >
          <span aria-hidden="true">${dayName(d, "short")}</span><span class="sr">${dayName(d)}</span>
          ${days[d].length > 0 && html`<span class="avail-dot" aria-hidden="true">●</span>`}
        </button>`,
      )}
    </div>
    <div class="avail-grid" ref=${grid} onKeyDown=${onKeyDown} role="group" aria-labelledby=${labelId} aria-describedby=${`${labelId}-help`}>
      ${WEEKDAYS.map(
        (d) => html`<div class=${`avail-day${d === cur.day ? " current" : ""}`} role="group" aria-labelledby=${`${labelId}-d${d}`}>
          <h3 id=${`${labelId}-d${d}`}>${dayName(d)}</h3>
          <div class="avail-hours">
            ${HOURS.map((h) => {
              const pressed = state(days[d], h);
              return html`<button
                type="button"
                class="avail-cell"
                data-cell=${`${d}-${h}`}
                aria-pressed=${pressed}
                tabindex=${d === cur.day && h === cur.hour ? 0 : -1}
                onClick=${() => toggle(d, h)}
                onFocus=${() => (cur.day !== d || cur.hour !== h) && setCur({ day: d, hour: h })}
              >
                <span class="sr">${dayName(d)} </span>${clock(h * 60)}<span class="avail-mark" aria-hidden="true">${pressed === "true" ? "✓" : pressed === "mixed" ? "½" : ""}</span>
              </button>`;
            })}
          </div>
        </div>`,
      )}
    </div>
    <div class="row avail-actions">
      <button type="button" class="btn link" onClick=${() => clearDay(cur.day)} disabled=${!days[cur.day].length}>
        ${t("profile.avail.clearDay", { day: dayName(cur.day) })}
      </button>
      <button type="button" class="btn link" onClick=${() => copyToAll(cur.day)}>${t("profile.avail.copyDay", { day: dayName(cur.day) })}</button>
    </div>
    <h3>${t("profile.avail.summary", { hours: Math.round((total / 60) * 10) / 10 })}</h3>
    ${total
      ? html`<ul class="plain-list avail-summary">
          ${summary(days).map((line) => html`<li>${line}</li>`)}
        </ul>`
      : html`<p class="muted">${t("profile.avail.none")}</p>`}
  </div>`;
}
