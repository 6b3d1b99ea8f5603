// The live room of a session (/room/session/<session ID>) or a relationship's call room
// (/room/call/<relationship ID>): video and audio, people, hands, chat, and the shared notes.
// The WebRTC engine is room-media.js; the notes editor's Yjs half loads on demand (room-notes.js).
import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef, useId } from "preact/hooks";
import { gql, online } from "../lib/api.js";
import { useDraft } from "../lib/drafts.js";
import { html } from "../lib/html.js";
import { dateTime, t } from "../lib/i18n.js";
import { link } from "../lib/router.js";
import { me, token } from "../lib/session.js";
import { Button, ErrorNote, Field, Loading, Notice, Page, onSubmit, useAction, useQuery } from "../lib/ui.js";
import { Call, slowLink } from "./room-media.js";
// esbuild puts CSS imported by a lazy chunk into the entry's stylesheet (main-*.css)
import "./room.css";

const ROOM = "id mode opensAt closesAt closedReason sessionId relationshipId";
const SESSION_ROOM = `query($id: ID!) { room: sessionRoom(sessionId: $id) { ${ROOM} }
  session: node(id: $id) { ... on Session { agenda startsAt endsAt } } }`;
const CALL_ROOM = `query($id: ID!) { room: callRoom(relationshipId: $id) { ${ROOM} } }`;
const RELATIONSHIP = `query($id: ID!) { node(id: $id) { ... on Relationship {
  mentor { id } moderator { id } members { id } } } }`;
const NOTE = "{ id canWrite websocketRoom }";
const SESSION_NOTE = `query($id: ID!) { note: sessionNote(sessionId: $id) ${NOTE} }`;
const CALL_NOTE = `query($id: ID!) { note: relationshipNote(relationshipId: $id) ${NOTE} }`;

async function loadRoom(kind, id) {
  const data = await gql(kind === "session" ? SESSION_ROOM : CALL_ROOM, { id });
  const relationship = (await gql(RELATIONSHIP, { id: data.room.relationshipId })).node;
  return { ...data, relationship };
}

/** Mentors, moderators and coordinators (who see the room without taking part) switch modes. */
function leads(relationship, meId) {
  if (!relationship) return false;
  const { mentor, moderator, members } = relationship;
  if (mentor?.id === meId || moderator?.id === meId) return true;
  return !members.some((m) => m.id === meId);
}

export function Room({ params }) {
  const { kind, id } = params;
  const known = kind === "session" || kind === "call";
  const state = useSignal({ loading: true });
  const opened = useSignal(0); // bumped when a session's room opens while the screen is shown
  useEffect(() => {
    if (!known) return;
    let timer = 0;
    loadRoom(kind, id).then(
      (data) => {
        state.value = { data };
        const wait = data.room.opensAt ? new Date(data.room.opensAt) - Date.now() : 0;
        if (data.room.closedReason && wait > 0 && wait < 2 ** 31) timer = setTimeout(() => opened.value++, wait + 1000);
      },
      (error) => (state.value = { error }),
    );
    return () => clearTimeout(timer);
  }, [kind, id, opened.value]);
  const title = kind === "session" ? t("room.sessionTitle") : t("room.callTitle");
  if (!known) return html`<${Page} title=${t("common.notFound")} />`;
  const { data, error } = state.value;
  const meId = me.value?.user?.id;
  return html`<${Page} title=${title}>
    ${error && html`<${ErrorNote} error=${error} />`}
    ${!error && (!data || !meId) && html`<${Loading} />`}
    ${data && meId && html`<${Inside} kind=${kind} id=${id} data=${data} meId=${meId} />`}
  </${Page}>`;
}

function Closed({ room }) {
  const now = Date.now();
  let text = t("room.closedNow");
  if (room.opensAt && new Date(room.opensAt) > now) text = t("room.opensAt", { time: dateTime(room.opensAt) });
  else if (room.closesAt && new Date(room.closesAt) < now) text = t("room.over");
  return html`<${Notice} kind="warn">${text}</${Notice}>`;
}

function Inside({ kind, id, data, meId }) {
  const { room, session, relationship } = data;
  const call = useMemo(() => new Call(room.id, meId), [room.id, meId]);
  useEffect(() => () => call.shutdown(), [call]);
  const state = call.state.value;
  const inRoom = state === "joining" || state === "joined";
  return html`
    <p class="room-status">
      ${session && html`${session.agenda} · ${dateTime(session.startsAt)} · `}
      <a href=${link(`/mentorships/${room.relationshipId}`)}>${t("room.back")}</a>
    </p>
    <div class="room">
      <div>
        ${room.closedReason && !inRoom && html`<${Closed} room=${room} />`}
        ${!room.closedReason && !inRoom && html`<${Lobby} call=${call} />`}
        ${inRoom && html`<${Live} call=${call} meId=${meId} lead=${leads(relationship, meId)} />`}
      </div>
      <${Notes} kind=${kind} id=${id} />
    </div>`;
}

function Lobby({ call }) {
  const audioOnly = useSignal(slowLink());
  const state = call.state.value;
  const join = () => call.join({ audioOnly: audioOnly.value });
  return html`<section class="card" aria-labelledby="room-join">
    <h2 id="room-join">${state === "left" ? t("room.leftTitle") : t("room.joinTitle")}</h2>
    ${state === "closed" && html`<${Notice} kind="warn">${t("room.closed")}</${Notice}>`}
    ${state === "failed" && html`<${ErrorNote} error=${call.error.value} />`}
    <${Field} type="checkbox" label=${t("room.audioOnly")} value=${audioOnly} hint=${slowLink() ? t("room.slowHint") : t("room.audioOnlyHint")} />
    ${state !== "closed" && html`<${Button} onClick=${join}>${state === "left" || state === "failed" ? t("room.rejoin") : t("room.join")}</${Button}>`}
  </section>`;
}

function Toggle({ pressed, onClick, children, disabled }) {
  return html`<button type="button" class="btn secondary" aria-pressed=${pressed ? "true" : "false"} onClick=${onClick} disabled=${disabled}>
    ${children}${pressed ? html`<span aria-hidden="true"> ✓</span>` : ""}
  </button>`;
}

function Live({ call, meId, lead }) {
  const act = useAction(async (fn) => fn());
  const mode = call.mode.value;
  const joined = call.state.value === "joined";
  const people = [...call.people.value.values()];
  const problem = call.deviceProblem.value;
  const askedBy = call.muteRequestedBy.value;
  const switchMode = () =>
    act.run(() => gql("mutation($r: ID!, $m: RoomMode!) { setRoomMode(roomId: $r, mode: $m) { mode } }", {
      r: call.roomId,
      m: mode === "MESH" ? "RELAY" : "MESH",
    }));
  return html`
    <section aria-labelledby="room-video">
      <h2 id="room-video">${t("room.video")}</h2>
      <p class="room-status" role="status">
        ${!joined ? t("room.joining") : !online.value ? t("room.reconnecting") : mode === "RELAY" ? t("room.modeRelay") : t("room.modeMesh")}
      </p>
      ${problem === "camera" && html`<${Notice}>${t("room.noCamera")}</${Notice}>`}
      ${problem === "microphone" && html`<${Notice}>${t("room.noMicrophone")}</${Notice}>`}
      ${askedBy && html`<${Notice}>${t("room.muteRequested", { name: askedBy.displayName })}</${Notice}>`}
      <${Tiles} call=${call} meId=${meId} />
      <div class="controls">
        <${Toggle} pressed=${call.muted.value} onClick=${() => act.run(() => call.setMuted(!call.muted.value))}>${t("room.mute")}</${Toggle}>
        <${Toggle} pressed=${call.cameraOff.value} disabled=${call.audioOnly.value || problem === "camera"}
          onClick=${() => act.run(() => call.setCameraOff(!call.cameraOff.value))}>${t("room.cameraOff")}</${Toggle}>
        <${Toggle} pressed=${call.audioOnly.value} onClick=${() => act.run(() => call.setAudioOnly(!call.audioOnly.value))}>${t("room.audioOnly")}</${Toggle}>
        <${Toggle} pressed=${call.hand.value} onClick=${() => act.run(() => call.raiseHand(!call.hand.value))}>${t("room.raiseHand")}</${Toggle}>
        ${lead && html`<button type="button" class="btn secondary" onClick=${switchMode} disabled=${act.pending.value}>
          ${mode === "MESH" ? t("room.toRelay") : t("room.toMesh")}
        </button>`}
        <button type="button" class="btn danger" onClick=${() => call.leave()}>${t("room.leave")}</button>
      </div>
      <${ErrorNote} error=${act.error.value} />
    </section>
    <section aria-labelledby="room-people">
      <h2 id="room-people">${t("room.people", { n: people.length })}</h2>
      <ul class="list people">
        ${people.map((p) => html`<${Person} key=${p.user.id} person=${p} call=${call} self=${p.user.id === meId} lead=${lead} act=${act} />`)}
      </ul>
    </section>
    <${Chat} call=${call} />`;
}

function Person({ person, call, self, lead, act }) {
  const ask = () => act.run(() => gql("mutation($r: ID!, $u: ID!) { requestMute(roomId: $r, userId: $u) }", { r: call.roomId, u: person.user.id }));
  return html`<li>
    <span>${person.user.displayName}${self ? ` (${t("room.you")})` : ""}</span>
    ${person.muted && html`<span class="tag">${t("room.muted")}</span>`}
    ${person.handRaised && html`<span class="tag"><span aria-hidden="true">✋ </span>${t("room.handRaised")}</span>`}
    ${lead && !self && !person.muted && html`<button type="button" class="btn link" onClick=${ask}>
      ${t("room.askMute", { name: person.user.displayName })}
    </button>`}
  </li>`;
}

function Tiles({ call, meId }) {
  const streams = call.streams.value;
  const links = call.links.value;
  const people = [...call.people.value.values()].filter((p) => p.user.id !== meId);
  const mine = call.people.value.get(meId);
  const name = me.value?.user?.displayName || "";
  return html`<ul class="tiles">
    <li>
      <${Tile} stream=${call.local.value} self=${true} name=${name}
        caption=${`${name} (${t("room.you")})${call.muted.value ? ` · ${t("room.muted")}` : ""}${mine?.handRaised ? ` · ✋ ${t("room.handRaised")}` : ""}`} />
    </li>
    ${people.map((p) => {
      const connected = links.get(p.user.id) === "connected";
      const notes = [p.muted && t("room.muted"), p.handRaised && `✋ ${t("room.handRaised")}`, !connected && t("room.connecting")];
      return html`<li key=${p.user.id}>
        <${Tile} stream=${streams.get(p.user.id)} name=${p.user.displayName} user=${p.user.id}
          caption=${[p.user.displayName, ...notes.filter(Boolean)].join(" · ")} />
      </li>`;
    })}
  </ul>`;
}

function Tile({ stream, self, name, caption, user }) {
  const ref = useRef(null);
  const blocked = useSignal(false);
  const moving = useSignal(false); // new frames in the last couple of seconds
  const tracks = stream ? stream.getTracks().map((track) => track.id).join() : "";
  const loaded = useRef("");
  const picture = moving.value && Boolean(stream?.getVideoTracks().some((track) => track.readyState === "live"));
  useEffect(() => {
    // a camera turned off elsewhere leaves the remote track live and unmuted, showing its last
    // frame for ever: count the frames instead
    const video = ref.current;
    let last = -1;
    let still = 0;
    const timer = setInterval(() => {
      const frames = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality().totalVideoFrames : video.videoWidth;
      still = frames === last ? still + 1 : 0;
      last = frames;
      const now = frames > 0 && still < 2;
      if (now !== moving.peek()) moving.value = now;
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    // a player started with a video track that then went (an audio-only answer) waits for
    // video forever: load the stream again whenever its tracks change
    if (video.srcObject !== stream || loaded.current !== tracks) {
      video.srcObject = null;
      video.srcObject = stream || null;
      loaded.current = tracks;
    }
    if (stream) {
      video.play().then(
        () => (blocked.value = false),
        (error) => (blocked.value = error?.name === "NotAllowedError"),
      );
    }
  }, [stream, tracks]);
  return html`<figure class="tile" data-user=${user} data-self=${self ? "" : undefined}>
    <video ref=${ref} playsinline autoplay muted=${self} data-remote=${self ? undefined : ""}></video>
    ${!picture && html`<span class="avatar" aria-hidden="true">${(name || "?").trim().charAt(0).toUpperCase()}</span>`}
    ${blocked.value && html`<button type="button" class="btn primary play" onClick=${() => ref.current.play().then(() => (blocked.value = false), () => {})}>
      ${t("room.play")}
    </button>`}
    <figcaption>${caption}</figcaption>
  </figure>`;
}

function Chat({ call }) {
  const body = useSignal("");
  const send = useAction(async () => {
    const text = body.value.trim();
    if (!text) return;
    await call.say(text);
    body.value = "";
  });
  const remove = useAction((id) => gql("mutation($m: ID!) { deleteRoomMessage(messageId: $m) { id } }", { m: id }));
  const messages = call.messages.value;
  const list = useRef(null);
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [messages.length]);
  return html`<section aria-labelledby="room-chat">
    <h2 id="room-chat">${t("room.chat")}</h2>
    ${!messages.length && html`<p class="empty">${t("room.noMessages")}</p>`}
    <div class="chat" role="log" aria-label=${t("room.chatLog")} ref=${list} tabindex="0"><ul>
      ${messages.map(
        (m) => html`<li key=${m.id}>
          <strong>${m.author?.displayName || t("room.someone")}</strong>
          <time datetime=${m.createdAt}>${dateTime(m.createdAt, { timeStyle: "short" })}</time>
          <p>${m.deleted ? html`<em>${t("room.deleted")}</em>` : m.body}</p>
          ${m.mine && !m.deleted && html`<button type="button" class="btn link" onClick=${() => remove.run(m.id)}>${t("common.delete")}</button>`}
        </li>`,
      )}
    </ul></div>
    <form class="chat-form" onSubmit=${onSubmit(() => send.run())}>
      <${Field} label=${t("room.message")} value=${body} maxlength="4000" autocomplete="off" />
      <${Button} type="submit" pending=${send.pending}>${t("common.send")}</${Button}>
    </form>
    <${ErrorNote} error=${send.error.value || remove.error.value} />
  </section>`;
}

// --- shared notes ------------------------------------------------------------------------------

function Notes({ kind, id }) {
  const { data, error } = useQuery(kind === "session" ? SESSION_NOTE : CALL_NOTE, { id }, [kind, id]);
  return html`<section class="notes" aria-labelledby="room-notes">
    <h2 id="room-notes">${t("room.notes")}</h2>
    ${error && html`<${ErrorNote} error=${error} />`}
    ${!error && !data && html`<${Loading} />`}
    ${data && html`<${Editor} key=${data.note.id} note=${data.note} />`}
  </section>`;
}

const NOTE_STATUS = {
  loading: () => t("room.notesLoading"),
  connecting: () => t("room.notesConnecting"),
  synced: () => t("room.notesSynced"),
  offline: () => t("room.notesOffline"),
  denied: () => t("room.notesDenied"),
};

function Editor({ note }) {
  const area = useRef(null);
  const engine = useRef(null);
  const status = useSignal("loading");
  const fallback = useSignal(false);
  const saved = useDraft(`notes-doc:${note.id}`); // the document's state while not synced
  const plain = useDraft(`notes:${note.id}`); // typed where the editor itself could not load
  const fieldId = useId();
  useEffect(() => {
    let closed = false;
    import("./room-notes.js").then(
      (module) => {
        if (closed) return;
        engine.current = module.openNotes({
          room: note.websocketRoom,
          token: token.peek(),
          textarea: area.current,
          status: (s) => (status.value = s),
          saved,
        });
      },
      () => !closed && (fallback.value = true),
    );
    return () => {
      closed = true;
      engine.current?.close();
      engine.current = null;
    };
  }, [note.id]);
  if (fallback.value) {
    return html`<${Notice} kind="warn">${t("room.notesFallback")}</${Notice}>
      <${Field} multiline rows="10" label=${t("room.notesLabel")} value=${plain} readOnly=${!note.canWrite} />`;
  }
  const addDraft = () => {
    engine.current?.addText(plain.value);
    plain.clear();
  };
  const readOnly = !note.canWrite;
  return html`
    <p class="room-status" role="status">${NOTE_STATUS[status.value]()}</p>
    ${plain.value && note.canWrite && status.value === "synced" && html`<${Notice}>
      ${t("room.notesDraft")}
      <div class="row">
        <button type="button" class="btn secondary" onClick=${addDraft}>${t("room.notesAddDraft")}</button>
        <button type="button" class="btn link" onClick=${() => plain.clear()}>${t("room.notesDropDraft")}</button>
      </div>
    </${Notice}>`}
    <div class="field">
      <label for=${fieldId}>${t("room.notesLabel")}</label>
      <textarea id=${fieldId} ref=${area} rows="12" spellcheck="true" readOnly=${readOnly || status.value === "loading" || status.value === "denied"}
        aria-describedby=${readOnly ? `${fieldId}-hint` : undefined}></textarea>
      ${readOnly && html`<small id=${`${fieldId}-hint`}>${t("room.notesReadOnly")}</small>`}
    </div>`;
}
