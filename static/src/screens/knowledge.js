// The knowledge repository: search (Indonesian and English, with the API's snippets), reading
// an article (Markdown rendered to Preact nodes, never as HTML), "this helped me", following
// focus areas (and hearing of new articles in them live), and turning one's own shared notes
// into a private draft ("promote to knowledge").
import { useSignal } from "@preact/signals";
import { useEffect, useRef, useState } from "preact/hooks";
import { gql, live } from "../lib/api.js";
import { html } from "../lib/html.js";
import { date, dateTime, number, t } from "../lib/i18n.js";
import { link, setQuery } from "../lib/router.js";
import { token } from "../lib/session.js";
import { Button, Empty, ErrorNote, Field, Loading, Notice, Page, Select, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { Markdown, inline } from "./knowledge-markdown.js";
import "./knowledge.css";

const PAGE = 10;
const SEARCH = `query($q: String!, $f: ArticleSearchFilter, $first: Int!, $after: String) {
  searchArticles(query: $q, filter: $f, first: $first, after: $after) {
    edges { node { snippet article { id title summary language helpful publishedAt authors { displayName } } } }
    pageInfo { hasNextPage endCursor }
  } }`;
const AREAS = `{ myOrganisations { id name focusAreas { slug name } } followedFocusAreas { slug } }`;
const FOLLOW = `mutation($o: ID!, $a: String!, $f: Boolean!) { followFocusArea(organisationId: $o, focusArea: $a, follow: $f) { slug } }`;
const NEW_ARTICLES = `subscription { newArticles { id title } }`;
const MINE = `{ myArticles(first: 50) { edges { node { id title status sourceNoteId updatedAt } } } }`;
const RELATIONSHIPS = `{ myRelationships(includeClosed: true) {
  id mentor { id displayName } members { id displayName } programme { name } } }`;
const NOTES = `query($r: ID!) {
  relationshipNotes(relationshipId: $r) { id kind markdown editedAt sessionId }
  sessions(relationshipId: $r) { id startsAt agenda } }`;
const PROMOTE = `mutation($n: ID!, $title: String!) { promoteNote(noteId: $n, title: $title) { id title status } }`;
const ARTICLE = `query($id: ID!) { article(id: $id) {
  id title summary body tags language status helpful views viewerFoundHelpful publishedAt updatedAt
  reviewComment sourceNoteId authors { id displayName } focusAreas { slug name }
  resources { id kind title url filename size downloadPath } related(first: 5) { id title summary } } }`;
const HELPFUL = `mutation($id: ID!, $h: Boolean!) { markArticleHelpful(id: $id, helpful: $h) { id helpful viewerFoundHelpful } }`;

const langOf = (language) => (language === "EN" ? "en" : "id");
/** A snippet is cut from the body across lines: drop the heading and quote marks it carries. */
const flatten = (text) => text.replace(/(^|\s)(#{1,6}|>)\s+/g, "$1");

function Tabs({ tab }) {
  const tabs = [
    ["", t("knowledge.tab.search"), "/knowledge"],
    ["mine", t("knowledge.tab.mine"), "/knowledge?tab=mine"],
    ["areas", t("knowledge.tab.areas"), "/knowledge?tab=areas"],
  ];
  return html`<nav class="tabs" aria-label=${t("knowledge.tabs")}>
    ${tabs.map(([id, label, path]) => html`<a href=${link(path)} aria-current=${tab === id ? "page" : undefined}>${label}</a>`)}
  </nav>`;
}

/** Articles published in followed focus areas while the screen is open. */
function NewArticles() {
  const arrived = useSignal([]);
  useEffect(() => live(NEW_ARTICLES, {}, (data) => (arrived.value = [data.newArticles, ...arrived.peek()].slice(0, 5))), []);
  return html`<div aria-live="polite">
    ${arrived.value.length > 0 &&
    html`<div class="note info">
      <strong>${t("knowledge.justPublished")}</strong>
      <ul class="kn-new">
        ${arrived.value.map((a) => html`<li key=${a.id}><a href=${link(`/knowledge/${a.id}`)}>${a.title}</a></li>`)}
      </ul>
    </div>`}
  </div>`;
}

export function Knowledge({ query }) {
  const tab = query.tab === "mine" || query.tab === "areas" ? query.tab : "";
  return html`<${Page} title=${t("knowledge.title")}>
    <${Tabs} tab=${tab} />
    <${NewArticles} />
    ${tab === "" && html`<${Search} query=${query} />`}
    ${tab === "mine" && html`<${Mine} />`}
    ${tab === "areas" && html`<${Areas} />`}
  </${Page}>`;
}

function Search({ query }) {
  const q = query.q || "";
  const lang = query.lang === "ID" || query.lang === "EN" ? query.lang : "";
  const area = query.area || "";
  const words = useSignal(q);
  const language = useSignal(lang);
  const focus = useSignal(area);
  useEffect(() => {
    words.value = q;
    language.value = lang;
    focus.value = area;
  }, [q, lang, area]);
  const areas = useQuery(AREAS);
  const filter = { language: lang || null, focusArea: area || null };
  const found = useQuery(SEARCH, { q, f: filter, first: PAGE, after: null }, [q, lang, area]);
  const key = `${q}\n${lang}\n${area}`;
  const [extra, setExtra] = useState({ key, edges: [], pageInfo: null });
  const more = extra.key === key ? extra : { key, edges: [], pageInfo: null };
  const next = useAction(async () => {
    const after = (more.pageInfo || found.data.searchArticles.pageInfo).endCursor;
    const data = await gql(SEARCH, { q, f: filter, first: PAGE, after });
    setExtra({ key, edges: [...more.edges, ...data.searchArticles.edges], pageInfo: data.searchArticles.pageInfo });
  });

  const options = [["", t("knowledge.allAreas")]];
  for (const org of areas.data?.myOrganisations || []) for (const a of org.focusAreas) options.push([a.slug, a.name]);
  const edges = found.data ? [...found.data.searchArticles.edges, ...more.edges] : [];
  const pageInfo = more.pageInfo || found.data?.searchArticles.pageInfo;

  return html`<form role="search" class="kn-search" onSubmit=${onSubmit(() =>
    setQuery({ q: words.value.trim(), lang: language.value, area: focus.value }),
  )}>
      <${Field} label=${t("knowledge.searchLabel")} type="search" value=${words} maxlength=${200} hint=${t("knowledge.searchHint")} />
      <div class="kn-filters">
        <${Select}
          label=${t("knowledge.language")}
          value=${language}
          options=${[["", t("knowledge.anyLanguage")], ["ID", t("knowledge.lang.ID")], ["EN", t("knowledge.lang.EN")]]}
        />
        <${Select} label=${t("knowledge.area")} value=${focus} options=${options} />
      </div>
      <${Button} type="submit">${t("knowledge.search")}</${Button}>
    </form>
    <h2>${q ? t("knowledge.resultsFor", { q }) : t("knowledge.newest")}</h2>
    <${ErrorNote} error=${found.error} />
    ${found.loading && !found.data && html`<${Loading} />`}
    <p class="muted" role="status">
      ${found.data && !found.loading && (edges.length ? t("knowledge.shown", { count: number(edges.length) }) : t("knowledge.noResults"))}
    </p>
    ${edges.length > 0 &&
    html`<ul class="list kn-results">
      ${edges.map(({ node: { article: a, snippet } }) => html`<li key=${a.id}>
        <h3 class="kn-result-title"><a href=${link(`/knowledge/${a.id}`)} lang=${langOf(a.language)}>${a.title}</a></h3>
        <p class="kn-snippet" lang=${langOf(a.language)}>${inline(flatten(snippet || a.summary))}</p>
        <p class="muted kn-meta">
          ${t(`knowledge.lang.${a.language}`)} · ${a.authors.map((p) => p.displayName).join(", ")}
          ${a.publishedAt && html` · <time datetime=${a.publishedAt}>${date(a.publishedAt)}</time>`}
          ${` · ${t("knowledge.helpedCount", { count: number(a.helpful) })}`}
        </p>
      </li>`)}
    </ul>`}
    ${pageInfo?.hasNextPage &&
    html`<${Button} kind="secondary" pending=${next.pending} onClick=${() => next.run()}>${t("common.more")}</${Button}>`}
    <${ErrorNote} error=${next.error.value} />`;
}

function Areas() {
  const { data, error, reload } = useQuery(AREAS);
  const follow = useAction(async (org, area, on) => {
    await gql(FOLLOW, { o: org.id, a: area.slug, f: on });
    reload();
  });
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const followed = new Set(data.followedFocusAreas.map((a) => a.slug));
  return html`<p>${t("knowledge.areasIntro")}</p>
    <${ErrorNote} error=${follow.error.value} />
    ${data.myOrganisations.map(
      (org) => html`<section key=${org.id}>
        <h2>${org.name}</h2>
        <ul class="list kn-areas">
          ${org.focusAreas.map((area) => {
            const on = followed.has(area.slug);
            return html`<li key=${area.slug} class="row">
              <span class="grow">${area.name}</span>
              ${on && html`<span class="tag">${t("knowledge.following")}</span>`}
              <button
                class=${on ? "btn secondary" : "btn primary"}
                disabled=${follow.pending.value}
                onClick=${() => follow.run(org, area, !on)}
              >
                ${on ? t("knowledge.unfollow") : t("knowledge.follow")}<span class="sr-only"> ${area.name}</span>
              </button>
            </li>`;
          })}
        </ul>
      </section>`,
    )}
    ${data.myOrganisations.length === 0 && html`<${Empty}>${t("knowledge.noAreas")}</${Empty}>`}`;
}

function Mine() {
  const mine = useQuery(MINE);
  const made = useSignal(null);
  return html`<h2>${t("knowledge.myArticles")}</h2>
    ${made.value &&
    html`<${Notice} kind="ok">
      ${t("knowledge.promoted", { title: made.value.title })}
      ${" "}<a href=${link(`/knowledge/${made.value.id}`)}>${t("knowledge.openDraft")}</a>
    </${Notice}>`}
    <${ErrorNote} error=${mine.error} />
    ${!mine.data && !mine.error && html`<${Loading} />`}
    ${mine.data && mine.data.myArticles.edges.length === 0 && html`<${Empty}>${t("knowledge.noArticles")}</${Empty}>`}
    ${mine.data &&
    mine.data.myArticles.edges.length > 0 &&
    html`<ul class="list kn-mine">
      ${mine.data.myArticles.edges.map(
        ({ node: a }) => html`<li key=${a.id}>
          <a href=${link(`/knowledge/${a.id}`)}>${a.title}</a>
          <div class="row muted kn-meta">
            <span class="tag">${t(`knowledge.status.${a.status}`)}</span>
            ${a.sourceNoteId && html`<span>${t("knowledge.fromNote")}</span>`}
            <span>${t("knowledge.updated", { when: dateTime(a.updatedAt) })}</span>
          </div>
        </li>`,
      )}
    </ul>`}
    <${Notes}
      onPromoted=${(article) => {
        made.value = article;
        mine.reload();
      }}
    />`;
}

/** The shared notes the member writes in (their relationships' and sessions' notes): each may
 * become a private draft of theirs. */
function Notes({ onPromoted }) {
  const notes = useSignal(null);
  const failed = useSignal(null);
  useEffect(() => {
    (async () => {
      const { myRelationships } = await gql(RELATIONSHIPS);
      const found = [];
      for (const r of myRelationships) {
        const data = await gql(NOTES, { r: r.id });
        const sessions = new Map(data.sessions.map((s) => [s.id, s]));
        const people = [r.mentor, ...r.members].filter(Boolean).map((p) => p.displayName).join(", ");
        for (const note of data.relationshipNotes) {
          if (!note.markdown.trim()) continue;
          found.push({ ...note, people, programme: r.programme.name, session: sessions.get(note.sessionId) });
        }
      }
      notes.value = found.sort((a, b) => String(b.editedAt).localeCompare(String(a.editedAt)));
    })().catch((error) => (failed.value = error));
  }, []);
  return html`<h2>${t("knowledge.myNotes")}</h2>
    <p>${t("knowledge.notesIntro")}</p>
    <${ErrorNote} error=${failed.value} />
    ${!notes.value && !failed.value && html`<${Loading} />`}
    ${notes.value && notes.value.length === 0 && html`<${Empty}>${t("knowledge.noNotes")}</${Empty}>`}
    ${notes.value &&
    notes.value.length > 0 &&
    html`<ul class="list kn-notes">
      ${notes.value.map((note) => html`<${NoteItem} key=${note.id} note=${note} onPromoted=${onPromoted} />`)}
    </ul>`}`;
}

function NoteItem({ note, onPromoted }) {
  const name = note.session
    ? t("knowledge.sessionNote", { agenda: note.session.agenda || t("knowledge.session"), when: date(note.session.startsAt) })
    : t("knowledge.relationshipNote");
  const open = useSignal(false);
  const heading = note.markdown.match(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/m);
  const title = useSignal((heading && heading[1]) || note.session?.agenda || "");
  const form = useRef(null);
  useEffect(() => {
    if (open.value) form.current?.querySelector("input")?.focus();
  }, [open.value]);
  const promote = useAction(async () => {
    const data = await gql(PROMOTE, { n: note.id, title: title.value.trim() });
    open.value = false;
    onPromoted(data.promoteNote);
  });
  const preview = note.markdown.trim().replace(/\s+/g, " ");
  return html`<li>
    <h3>${name}</h3>
    <p class="muted kn-meta">
      ${note.people} · ${note.programme}
      ${note.editedAt && html` · ${t("knowledge.edited", { when: dateTime(note.editedAt) })}`}
    </p>
    <p class="kn-preview">${inline(flatten(preview.length > 200 ? preview.slice(0, 199) + "…" : preview))}</p>
    ${open.value
      ? html`<form ref=${form} onSubmit=${onSubmit(() => promote.run())}>
          <${Field} label=${t("knowledge.draftTitle")} value=${title} maxlength=${200} hint=${t("knowledge.draftHint")} />
          <div class="row">
            <${Button} type="submit" pending=${promote.pending}>${t("knowledge.makeDraft")}</${Button}>
            <button type="button" class="btn secondary" onClick=${() => (open.value = false)}>${t("common.cancel")}</button>
          </div>
          <${ErrorNote} error=${promote.error.value} />
        </form>`
      : html`<button class="btn secondary" onClick=${() => (open.value = true)}>
          ${t("knowledge.promote")}<span class="sr-only"> ${name}</span>
        </button>`}
  </li>`;
}

export function Article({ params }) {
  const { data, error } = useQuery(ARTICLE, { id: params.id }, [params.id]);
  const votes = useSignal(null);
  useEffect(() => (votes.value = null), [params.id]);
  const vote = useAction(async (helpful) => {
    const answer = await gql(HELPFUL, { id: params.id, h: helpful });
    votes.value = answer.markArticleHelpful;
  });
  const a = data?.article;
  const title = a ? a.title : error ? t("knowledge.article") : t("common.loading");
  if (!a) {
    return html`<${Page} title=${title}>
      <${ErrorNote} error=${error} />
      ${!error && html`<${Loading} />`}
      <p><a href=${link("/knowledge")}>${t("knowledge.back")}</a></p>
    </${Page}>`;
  }
  const helpful = votes.value ? votes.value.helpful : a.helpful;
  const found = votes.value ? votes.value.viewerFoundHelpful : a.viewerFoundHelpful;
  return html`<${Page} title=${title}>
    <article class="kn-article">
      <p class="muted kn-meta">
        ${a.status !== "PUBLISHED" && html`<span class="tag">${t(`knowledge.status.${a.status}`)}</span> `}
        ${t("knowledge.by", { names: a.authors.map((p) => p.displayName).join(", ") })}
        ${` · ${t(`knowledge.lang.${a.language}`)}`}
        ${a.publishedAt && html` · <time datetime=${a.publishedAt}>${date(a.publishedAt)}</time>`}
        ${a.status === "PUBLISHED" && html` · ${t("knowledge.views", { count: number(a.views) })}`}
      </p>
      ${a.status === "DRAFT" && a.reviewComment && html`<${Notice} kind="warn">${t("knowledge.reviewComment", { comment: a.reviewComment })}</${Notice}>`}
      ${a.status === "DRAFT" && a.sourceNoteId && html`<${Notice}>${t("knowledge.draftPrivate")}</${Notice}>`}
      <div lang=${langOf(a.language)}>
        ${a.summary && html`<p class="kn-summary">${a.summary}</p>`}
        <${Markdown} text=${a.body} />
      </div>
      ${(a.tags.length > 0 || a.focusAreas.length > 0) &&
      html`<ul class="kn-tags" aria-label=${t("knowledge.topics")}>
        ${a.focusAreas.map((f) => html`<li><a class="tag" href=${link(`/knowledge?area=${encodeURIComponent(f.slug)}`)}>${f.name}</a></li>`)}
        ${a.tags.map((tag) => html`<li><span class="tag">#${tag}</span></li>`)}
      </ul>`}
    </article>
    ${a.status === "PUBLISHED" &&
    html`<section class="kn-helpful" aria-labelledby="kn-helpful-h">
      <h2 id="kn-helpful-h">${t("knowledge.wasItHelpful")}</h2>
      <div class="row">
        <${Button} kind=${found ? "primary" : "secondary"} aria-pressed=${found ? "true" : "false"} pending=${vote.pending} onClick=${() => vote.run(!found)}>
          ${t("knowledge.helpedMe")}
        </${Button}>
        <span role="status">${t("knowledge.helpedCount", { count: number(helpful) })}</span>
      </div>
      <${ErrorNote} error=${vote.error.value} />
    </section>`}
    ${a.resources.length > 0 &&
    html`<section>
      <h2>${t("knowledge.resources")}</h2>
      <ul class="list">
        ${a.resources.map((r) => html`<li key=${r.id}><${Resource} r=${r} /></li>`)}
      </ul>
    </section>`}
    ${a.related.length > 0 &&
    html`<section>
      <h2>${t("knowledge.related")}</h2>
      <ul class="list">
        ${a.related.map((r) => html`<li key=${r.id}><a href=${link(`/knowledge/${r.id}`)}>${r.title}</a>${r.summary && html`<br /><small>${r.summary}</small>`}</li>`)}
      </ul>
    </section>`}
    <p><a href=${link("/knowledge")}>${t("knowledge.back")}</a></p>
  </${Page}>`;
}

/** A link opens in a new tab; a file is fetched with the member's token and saved. */
function Resource({ r }) {
  const fetchFile = useAction(async () => {
    const response = await fetch(r.downloadPath, { headers: token.value ? { authorization: `Bearer ${token.value}` } : {} });
    if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { code: response.status === 404 ? "NOT_FOUND" : "NETWORK" });
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = r.filename || r.title;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  if (r.kind === "LINK") {
    return /^https?:\/\//i.test(r.url)
      ? html`<a href=${r.url} rel="noopener noreferrer nofollow" target="_blank">${r.title || r.url}</a>`
      : html`<span>${r.title}</span>`;
  }
  return html`<${Button} kind="link" pending=${fetchFile.pending} onClick=${() => fetchFile.run()}>
      ${t("knowledge.download", { name: r.title || r.filename })}
    </${Button}>
    <small> (${number(Math.max(1, Math.round(r.size / 1024)))} KB)</small>
    <${ErrorNote} error=${fetchFile.error.value} />`;
}
