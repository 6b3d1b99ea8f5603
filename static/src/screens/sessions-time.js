// Times for the sessions tabs: the slot finder (suggestSessionTimes) and a time entered by hand,
// both shown in the viewer's own zone with every other participant's local time beside them.
import { useSignal } from "@preact/signals";
import { useEffect, useId } from "preact/hooks";
import { gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { dateTime, t, timeZone } from "../lib/i18n.js";
import { Button, ErrorNote, Field, Select, useAction } from "../lib/ui.js";

const SUGGEST = `query($r: ID!, $a: DateTime!, $b: DateTime!, $m: Int!) {
  suggestSessionTimes(relationshipId: $r, start: $a, end: $b, minutes: $m) { startsAt endsAt } }`;

const DURATIONS = [30, 45, 60, 90, 120];
const pad = (n) => String(n).padStart(2, "0");

/** A Date as the value of a date input ("2026-12-08"), in the device's zone. */
export const localDay = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A Date as the value of a datetime-local input ("2026-12-08T19:00"), in the device's zone. */
export const localInput = (value) => {
  const d = new Date(value);
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const addDays = (day, n) => {
  const d = new Date(`${day}T12:00`);
  d.setDate(d.getDate() + n);
  return localDay(d);
};

/** "Sel, 8 Des 2026, 20.00–21.00" in the viewer's zone. */
export function timeRange(startsAt, endsAt) {
  const start = dateTime(startsAt, {
    weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
  });
  return `${start}–${dateTime(endsAt, { hour: "2-digit", minute: "2-digit" })}`;
}

/** The same instant on someone else's clock: "Sel 22.00 WIT". */
export function theirTime(value, zone) {
  try {
    return dateTime(value, { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: zone, timeZoneName: "short" });
  } catch {
    return ""; // a zone this browser does not know
  }
}

/** Everyone else's local time for an instant, as "Name: Sel 22.00 WIT · …". */
function OthersClocks({ value, others }) {
  const shown = others.filter((p) => p.profile?.timezone);
  if (!value || !shown.length) return null;
  return html`<small class="clocks">
    ${shown.map((p, i) => html`${i ? " · " : ""}${t("sessions.theirTime", { name: p.displayName, time: theirTime(value, p.profile.timezone) })}`)}
  </small>`;
}

/**
 * Pick a time: suggestions that suit everyone, or a time typed in (device zone).
 * `when` holds a datetime-local string, `minutes` the length as a string; `others` are the other
 * participants ({displayName, profile {timezone}}); `error` is a message for the time field.
 */
export function TimePicker({ relationshipId, programme, when, minutes, others, error }) {
  const today = localDay(new Date());
  const first = programme.startsOn > today ? programme.startsOn : today;
  const from = useSignal(first);
  const to = useSignal(addDays(first, 13) < programme.endsOn ? addDays(first, 13) : programme.endsOn);
  const slots = useSignal(null);
  const name = useId();
  useEffect(() => {
    slots.value = null; // suggestions were for another length
  }, [minutes.value]);

  const find = useAction(async () => {
    // The API takes whole UTC days; ask from local midnight and keep what falls in the local range.
    const start = new Date(`${from.value}T00:00`);
    const end = new Date(`${addDays(to.value, 1)}T00:00`);
    const data = await gql(SUGGEST, {
      r: relationshipId,
      a: start.toISOString(),
      b: end.toISOString(),
      m: Number(minutes.value),
    });
    slots.value = data.suggestSessionTimes.filter((s) => new Date(s.startsAt) >= start && new Date(s.startsAt) < end);
  });

  const lengths = DURATIONS.includes(Number(minutes.value)) ? DURATIONS : [...DURATIONS, Number(minutes.value)].sort((a, b) => a - b);
  const picked = when.value ? new Date(when.value) : null;
  return html`<div class="time-picker">
    <${Select}
      label=${t("sessions.duration")}
      value=${minutes}
      options=${lengths.map((m) => [String(m), t("sessions.minutes", { n: m })])}
    />
    <fieldset class="finder">
      <legend>${t("sessions.finder.title")}</legend>
      <p class="muted">${t("sessions.finder.hint")}</p>
      <div class="row dates">
        <${Field} type="date" label=${t("sessions.finder.from")} value=${from} min=${today} max=${programme.endsOn} />
        <${Field} type="date" label=${t("sessions.finder.to")} value=${to} min=${from.value} max=${programme.endsOn} />
      </div>
      <${Button} type="button" kind="secondary" pending=${find.pending} onClick=${() => find.run()}>
        ${t("sessions.finder.find")}
      <//>
      <${ErrorNote} error=${find.error.value} />
      <div aria-live="polite">
        ${slots.value &&
        (slots.value.length
          ? html`<fieldset class="slots">
              <legend>${t("sessions.finder.suggested")}</legend>
              <ul>
                ${slots.value.map(
                  (s) => html`<li>
                    <label class="slot">
                      <input
                        type="radio"
                        name=${name}
                        checked=${when.value === localInput(s.startsAt)}
                        onChange=${() => (when.value = localInput(s.startsAt))}
                      />
                      <span>
                        <span class="slot-time">${timeRange(s.startsAt, s.endsAt)}</span>
                        <${OthersClocks} value=${s.startsAt} others=${others} />
                      </span>
                    </label>
                  </li>`,
                )}
              </ul>
            </fieldset>`
          : html`<p class="note info">${t("sessions.finder.none")}</p>`)}
      </div>
    </fieldset>
    <${Field}
      type="datetime-local"
      label=${t("sessions.when")}
      value=${when}
      error=${error}
      hint=${t("sessions.whenHint", { zone: timeZone })}
    />
    <div aria-live="polite"><${OthersClocks} value=${picked && !isNaN(picked) ? picked.toISOString() : null} others=${others} /></div>
  </div>`;
}

/** The ISO start and end for a picked time, or null when none is picked. */
export function pickedRange(when, minutes) {
  if (!when) return null;
  const start = new Date(when);
  if (isNaN(start)) return null;
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + Number(minutes) * 60000).toISOString() };
}
