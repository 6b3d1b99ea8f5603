// The mentor directory (search, filters, marks, pages, "request this mentor") and the member's
// suggested mentors with the matcher's reasons. Filters and the page live in the address
// (?q=…&lang=…&c=<cursors>), so a reload or a shared link shows the same list.
import { useSignal } from "@preact/signals";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { gql } from "../lib/api.js";
import { html } from "../lib/html.js";
import { number, t } from "../lib/i18n.js";
import { setQuery } from "../lib/router.js";
import { Button, Empty, ErrorNote, Field, Loading, Notice, Page, Select, onSubmit, useAction, useQuery } from "../lib/ui.js";
import {
  AreaTabs,
  ProgrammePicker,
  RequestMentor,
  areaName,
  canRequest,
  chosen,
  languageName,
  pendingMentors,
  usePlaces,
  zoneLabel,
} from "./directory-common.js";

const PAGE_SIZE = 10;
// The languages a profile may list (models/profiles.py LANGUAGE_CODES).
const LANGUAGES = ["id", "en", "jv", "su", "ms", "min", "ban", "bug", "mad", "ar", "zh", "nl", "ja", "ko"];

const DIRECTORY = `query($p: ID!, $filter: MentorFilterInput!, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      user { id } displayName bio languages timezone openForRequests capacity remainingCapacity
      mark compatibility overlapHours
      expertise { skill level focusArea { slug nameEn nameId } }
    } }
  }
  programme(id: $p) { focusAreas { slug nameEn nameId } }
  myRequests(side: SENT, status: PENDING) { mentor { id } programme { id } }
}`;
const MARK = `mutation($mentor: ID!, $mark: MarkKind) { markMentor(mentorId: $mentor, mark: $mark) }`;
const SUGGESTIONS = `query($p: ID!, $first: Int!) {
  mentorSuggestions(programmeId: $p, first: $first) {
    rank score
    user { id displayName profile { languages timezone openForRequests } }
    reasons { component value text }
    concerns { component value text }
  }
  myRequests(side: SENT, status: PENDING) { mentor { id } programme { id } }
}`;

const percent = (value) => number(value, { style: "percent", maximumFractionDigits: 0 });

/** Programme chooser and the screen's frame, shared by both screens here. */
function WithPlace({ title, here, query, children }) {
  const { places, error } = usePlaces();
  let body;
  if (error) body = html`<${ErrorNote} error=${error} />`;
  else if (!places) body = html`<${Loading} />`;
  else if (!places.length) body = html`<${Empty}>${t("directory.noProgramme")}<//>`;
  else {
    const place = chosen(places, query.p);
    body = html`<${ProgrammePicker} places=${places} place=${place} onChange=${(p) => setQuery({ p })} />
      ${children(place)}`;
  }
  return html`<${Page} title=${title}><${AreaTabs} here=${here} />${body}<//>`;
}

export function Directory({ query }) {
  return html`<${WithPlace} title=${t("directory.title")} here="/directory" query=${query}>
    ${(place) => html`<${Browse} key=${place.programme.id} place=${place} query=${query} />`}
  <//>`;
}

/** The filter the address describes. */
function filterOf(query, mayCompare) {
  return {
    text: query.q || "",
    focusAreas: query.area ? [query.area] : [],
    minLevel: query.level ? Number(query.level) : null,
    languages: query.lang ? [query.lang] : [],
    overlapsMyAvailability: query.overlap === "1",
    openOnly: query.open === "1",
    withCapacity: query.room === "1",
    favouritesOnly: query.fav === "1",
    includeHidden: query.hidden === "1",
    sort: mayCompare && query.sort === "COMPATIBILITY" ? "COMPATIBILITY" : "RELEVANCE",
  };
}

const FLAGS = ["overlap", "open", "room", "fav", "hidden"];

function Browse({ place, query }) {
  const programmeId = place.programme.id;
  const mayRequest = canRequest(place);
  const mayCompare = Boolean(place.enrolment?.asMentee);
  const said = useSignal("");
  // Any change of filter goes back to the first page.
  const update = (changes) => {
    said.value = "";
    setQuery({ ...query, c: "", ...changes });
  };
  const bound = (key) => ({ get value() { return query[key] || ""; }, set value(v) { update({ [key]: v }); } });
  const flag = (key) => ({ get value() { return query[key] === "1"; }, set value(v) { update({ [key]: v ? "1" : "" }); } });

  const text = useSignal(query.q || "");
  useEffect(() => void (text.value = query.q || ""), [query.q]);
  const trail = query.c ? query.c.split(",") : [];
  const filter = filterOf(query, mayCompare);
  const variables = { p: programmeId, filter, first: PAGE_SIZE, after: trail[trail.length - 1] || null };
  const result = useQuery(DIRECTORY, variables, [JSON.stringify(variables)]);
  const [sentTo, setSentTo] = useState(() => new Set());
  const resultsHeading = useRef(null);
  const active = ["area", "lang", "level", ...FLAGS].filter((k) => query[k]).length;
  // Unfolded on wide screens or when a filter is on; after that the member decides.
  const [unfolded] = useState(() => matchMedia("(min-width: 48rem)").matches || active > 0);

  const page = (cursors) => {
    update({ c: cursors.join(",") });
    resultsHeading.current?.focus();
    resultsHeading.current?.scrollIntoView?.({ block: "start" });
  };
  const data = result.data;
  const connection = data?.mentorDirectory;
  const areas = data?.programme.focusAreas || [];
  const pending = data ? pendingMentors(data.myRequests, programmeId) : new Set();
  for (const id of sentTo) pending.add(id);

  const sortOptions = [["RELEVANCE", t("directory.sort.RELEVANCE")]];
  if (mayCompare) sortOptions.push(["COMPATIBILITY", t("directory.sort.COMPATIBILITY")]);

  return html`
    ${mayRequest !== true && html`<${Notice}>${t(mayRequest)}<//>`}
    <section aria-labelledby="dir-filters" class="dir-filters">
      <h2 id="dir-filters">${t("directory.filters")}</h2>
      <form role="search" class="row dir-search" onSubmit=${onSubmit(() => update({ q: text.value.trim() }))}>
        <${Field} label=${t("directory.search")} type="search" value=${text} maxLength="200" class="grow" />
        <button class="btn primary" type="submit">${t("directory.searchButton")}</button>
      </form>
      <details open=${unfolded}>
        <summary>${active ? t("directory.moreFiltersActive", { n: active }) : t("directory.moreFilters")}</summary>
        <div class="dir-filter-grid">
          <${Select}
            label=${t("directory.focusArea")}
            value=${bound("area")}
            options=${[["", t("directory.anyArea")], ...areas.map((a) => [a.slug, areaName(a)])]}
          />
          <${Select}
            label=${t("directory.language")}
            value=${bound("lang")}
            options=${[["", t("directory.anyLanguage")], ...LANGUAGES.map((c) => [c, languageName(c)])]}
          />
          <${Select}
            label=${t("directory.minLevel")}
            value=${bound("level")}
            options=${[["", t("directory.anyLevel")], ...[1, 2, 3, 4, 5].map((n) => [String(n), t("directory.levelOf", { n })])]}
          />
          <${Select}
            label=${t("directory.sort")}
            value=${{ get value() { return filter.sort; }, set value(v) { update({ sort: v === "RELEVANCE" ? "" : v }); } }}
            options=${sortOptions}
            aria-describedby="dir-sort-hint"
          />
          <small id="dir-sort-hint" class="dir-sort-hint">${t(`directory.sortHint.${filter.sort}`)}</small>
        </div>
        <fieldset class="dir-flags">
          <legend>${t("directory.show")}</legend>
          <${Field} type="checkbox" label=${t("directory.flag.overlap")} value=${flag("overlap")} />
          <${Field} type="checkbox" label=${t("directory.flag.open")} value=${flag("open")} />
          <${Field} type="checkbox" label=${t("directory.flag.room")} value=${flag("room")} />
          <${Field} type="checkbox" label=${t("directory.flag.fav")} value=${flag("fav")} />
          <${Field} type="checkbox" label=${t("directory.flag.hidden")} value=${flag("hidden")} />
        </fieldset>
        ${(active > 0 || query.q || query.sort) &&
        html`<button class="btn link" type="button" onClick=${() => setQuery(query.p ? { p: query.p } : {})}>
          ${t("directory.clear")}
        </button>`}
      </details>
    </section>

    <section aria-labelledby="dir-results" aria-busy=${result.loading ? "true" : "false"}>
      <h2 id="dir-results" tabindex="-1" ref=${resultsHeading}>${t("directory.results")}</h2>
      <p role="status" aria-live="polite" class="muted">
        ${connection && !result.loading
          ? t("directory.count", { n: number(connection.totalCount), page: trail.length + 1 })
          : result.loading
            ? t("common.loading")
            : ""}
        ${said.value && html` ${said.value}`}
      </p>
      <${ErrorNote} error=${result.error} />
      ${connection && !connection.edges.length && html`<${Empty}>${t("directory.none")}<//>`}
      ${connection &&
      html`<ul class="dir-list dir-grid">
        ${connection.edges.map(
          ({ node }) => html`<li key=${node.user.id}>
            <${MentorCard}
              card=${node}
              programmeId=${programmeId}
              sort=${filter.sort}
              pending=${pending.has(node.user.id)}
              mayRequest=${mayRequest === true}
              onSent=${(id) => setSentTo(new Set([...sentTo, id]))}
              onMarked=${(kind, name) => {
                said.value = t(`directory.marked.${kind || "NONE"}`, { name });
                if (kind === "HIDDEN" || (!kind && (filter.favouritesOnly || filter.includeHidden))) result.reload();
                // the card goes away: keep keyboard focus somewhere sensible
                if (kind === "HIDDEN" && !filter.includeHidden) resultsHeading.current?.focus();
              }}
            />
          </li>`,
        )}
      </ul>`}
      ${connection &&
      (trail.length > 0 || connection.pageInfo.hasNextPage) &&
      html`<nav class="row pager" aria-label=${t("directory.pages")}>
        ${trail.length > 0 &&
        html`<button class="btn secondary" type="button" onClick=${() => page(trail.slice(0, -1))}>
          ${t("directory.previous")}
        </button>`}
        ${connection.pageInfo.hasNextPage &&
        html`<button class="btn secondary" type="button" onClick=${() => page([...trail, connection.pageInfo.endCursor])}>
          ${t("directory.next")}
        </button>`}
      </nav>`}
    </section>
  `;
}

function MentorCard({ card, programmeId, sort, pending, mayRequest, onSent, onMarked }) {
  const id = useId();
  const [mark, setMark] = useState(card.mark);
  useEffect(() => setMark(card.mark), [card.mark]);
  const marking = useAction(async (kind) => {
    await gql(MARK, { mentor: card.user.id, mark: kind });
    setMark(kind);
    onMarked(kind, card.displayName);
  });
  const mentor = { id: card.user.id, displayName: card.displayName };
  let reason = null;
  if (!card.openForRequests) reason = t("directory.closed");
  else if (card.remainingCapacity < 1) reason = t("directory.full");
  return html`<article class="card mentor" aria-labelledby=${id}>
    <h3 id=${id}>${card.displayName}</h3>
    <p class="row tags">
      ${mark === "FAVOURITE" && html`<span class="tag">★ ${t("directory.favourite")}</span>`}
      ${mark === "HIDDEN" && html`<span class="tag">${t("directory.hiddenTag")}</span>`}
      ${!card.openForRequests && html`<span class="tag">${t("directory.closedTag")}</span>`}
    </p>
    ${card.bio && html`<p class="bio">${card.bio}</p>`}
    <dl class="facts">
      <dt>${t("directory.languages")}</dt>
      <dd>${card.languages.map(languageName).join(", ")}</dd>
      <dt>${t("directory.timeZone")}</dt>
      <dd>${zoneLabel(card.timezone)}</dd>
      ${card.overlapHours != null &&
      html`<dt>${t("directory.overlap")}</dt>
        <dd>${t("directory.hoursPerWeek", { n: number(card.overlapHours) })}</dd>`}
      <dt>${t("directory.capacity")}</dt>
      <dd>${t("directory.capacityOf", { left: card.remainingCapacity, of: card.capacity })}</dd>
      ${card.compatibility != null &&
      html`<dt>${t("directory.compatibility")}</dt>
        <dd>${percent(card.compatibility)}</dd>`}
    </dl>
    <p class="skills-label">${t("directory.expertise")}</p>
    <ul class="skills">
      ${card.expertise.map(
        (e) => html`<li>
          ${e.skill} · ${t("directory.level", { n: e.level })}
          ${e.focusArea && html` <span class="muted">(${areaName(e.focusArea)})</span>`}
        </li>`,
      )}
    </ul>
    ${sort === "COMPATIBILITY" && html`<${Why} programmeId=${programmeId} mentorId=${card.user.id} />`}
    <div class="row actions">
      ${mark !== "HIDDEN" &&
      html`<button
        class="btn secondary"
        type="button"
        aria-pressed=${mark === "FAVOURITE" ? "true" : "false"}
        disabled=${marking.pending.value}
        onClick=${() => marking.run(mark === "FAVOURITE" ? null : "FAVOURITE")}
      >
        <span aria-hidden="true">${mark === "FAVOURITE" ? "★" : "☆"} </span>${t("directory.favourite")}
      </button>`}
      <button class="btn secondary" type="button" disabled=${marking.pending.value} onClick=${() => marking.run(mark === "HIDDEN" ? null : "HIDDEN")}>
        ${mark === "HIDDEN" ? t("directory.unhide") : t("directory.hide")}
      </button>
    </div>
    <${ErrorNote} error=${marking.error.value} />
    ${mayRequest &&
    html`<${RequestMentor} programmeId=${programmeId} mentor=${mentor} pending=${pending} blocked=${reason} onSent=${onSent} />`}
  </article>`;
}

// The matcher's reasons, fetched once per programme when a member first asks "why?".
const explained = new Map();
function explanations(programmeId) {
  if (!explained.has(programmeId)) {
    const found = gql(SUGGESTIONS, { p: programmeId, first: 50 }).then((d) => d.mentorSuggestions);
    found.catch(() => explained.delete(programmeId));
    explained.set(programmeId, found);
  }
  return explained.get(programmeId);
}

function Why({ programmeId, mentorId }) {
  const shown = useSignal(null);
  const action = useAction(async () => {
    const all = await explanations(programmeId);
    shown.value = all.find((s) => s.user.id === mentorId) || false;
  });
  if (shown.value === null) {
    return html`<div>
      <${Button} kind="link" type="button" pending=${action.pending} onClick=${() => action.run()}>${t("directory.why")}<//>
      <${ErrorNote} error=${action.error.value} />
    </div>`;
  }
  if (!shown.value) return html`<p class="muted" role="status">${t("directory.noReasons")}</p>`;
  return html`<div role="status"><${Reasons} suggestion=${shown.value} level="4" /></div>`;
}

/** Reasons and concerns, as the matcher words them (in English), under a label in the
 * viewer's language for each component. */
function Reasons({ suggestion, level = "3" }) {
  const heading = (text) => (level === "3" ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`);
  const item = (r) => html`<li>
    <strong>${t(`directory.component.${r.component}`)}</strong> (${percent(r.value)}):
    ${" "}<span lang="en">${r.text}</span>
  </li>`;
  return html`<div class="reasons">
    ${heading(t("directory.reasons"))}
    ${suggestion.reasons.length ? html`<ul>${suggestion.reasons.map(item)}</ul>` : html`<p class="muted">${t("directory.noneListed")}</p>`}
    ${suggestion.concerns.length > 0 && html`${heading(t("directory.concerns"))}<ul>${suggestion.concerns.map(item)}</ul>`}
  </div>`;
}

export function Suggestions({ query }) {
  return html`<${WithPlace} title=${t("directory.suggestions")} here="/suggestions" query=${query}>
    ${(place) =>
      place.enrolment?.asMentee
        ? html`<${Suggested} key=${place.programme.id} place=${place} />`
        : html`<${Notice}>${t("directory.notMentee")}<//>`}
  <//>`;
}

function Suggested({ place }) {
  const programmeId = place.programme.id;
  const mayRequest = canRequest(place);
  const result = useQuery(SUGGESTIONS, { p: programmeId, first: 10 }, [programmeId]);
  const [sentTo, setSentTo] = useState(() => new Set());
  const data = result.data;
  if (!data) return html`${result.loading && html`<${Loading} />`}<${ErrorNote} error=${result.error} />`;
  const pending = pendingMentors(data.myRequests, programmeId);
  for (const id of sentTo) pending.add(id);
  return html`
    <p class="muted">${t("directory.suggestionsIntro")}</p>
    ${mayRequest !== true && html`<${Notice}>${t(mayRequest)}<//>`}
    ${!data.mentorSuggestions.length && html`<${Empty}>${t("directory.noSuggestions")}<//>`}
    <ol class="dir-list dir-grid">
      ${data.mentorSuggestions.map(
        (s) => html`<li key=${s.user.id}>
          <${SuggestionCard}
            suggestion=${s}
            programmeId=${programmeId}
            pending=${pending.has(s.user.id)}
            mayRequest=${mayRequest === true}
            onSent=${(id) => setSentTo(new Set([...sentTo, id]))}
          />
        </li>`,
      )}
    </ol>
  `;
}

function SuggestionCard({ suggestion: s, programmeId, pending, mayRequest, onSent }) {
  const id = useId();
  const profile = s.user.profile;
  const reason = profile && !profile.openForRequests ? t("directory.closed") : null;
  return html`<article class="card mentor" aria-labelledby=${id}>
    <h2 id=${id}>${s.user.displayName}</h2>
    <p>${t("directory.rank", { n: s.rank })} · ${t("directory.compatibility")}: <strong>${percent(s.score)}</strong></p>
    ${profile &&
    html`<dl class="facts">
      <dt>${t("directory.languages")}</dt>
      <dd>${profile.languages.map(languageName).join(", ")}</dd>
      <dt>${t("directory.timeZone")}</dt>
      <dd>${zoneLabel(profile.timezone)}</dd>
    </dl>`}
    <${Reasons} suggestion=${s} />
    ${mayRequest &&
    html`<${RequestMentor} programmeId=${programmeId} mentor=${s.user} pending=${pending} blocked=${reason} onSent=${onSent} />`}
  </article>`;
}
