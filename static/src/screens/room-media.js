// The live room's engine: presence and chat from roomEvents, and WebRTC in mesh or relay mode.
// No UI here: the screen (room.js) reads the signals this exposes and calls its methods.
//
// Mesh: one RTCPeerConnection per other person. Of any two people the one with the lower user
// number offers; every offer starts a fresh connection (never a renegotiation), tagged with a
// connection id ("cid") that answers and candidates repeat, so late signals of a replaced
// connection are dropped. The answerer can ask for a fresh start by saying BYE. What the offer
// carries is what flows: an audio-only offer gets audio back, an audio-only answerer sets the
// offered video to inactive.
// Relay (README "Relay mode"): one connection to the server; we offer our upstream to `to: null`
// and answer the relay's offers as people come and go (the relay wins glare: roll back, answer,
// offer again). Forwarded streams are labelled "user-<n>".
// Reconnecting: graphql-ws re-subscribes by itself after a dropped socket; a PRESENT after the
// first means we are back, so broken connections are restarted (a watchdog also restarts any
// connection that stays down, which covers lost signals).
import { batch, signal } from "@preact/signals";
import { gql, live } from "../lib/api.js";

const USER = "user { id displayName }";
const EVENTS = `subscription($r: ID!) { roomEvents(roomId: $r) {
  kind at ${USER} participants { ${USER} joinedAt handRaised muted }
  message { id body createdAt deleted mine author { id displayName } }
  signal { kind payload from { id } } handRaised muted mode reason } }`;
const MESSAGES = `query($r: ID!) { node(id: $r) { ... on Room { messages(first: 50) {
  messages { id body createdAt deleted mine author { id displayName } } } } } }`;
const SIGNAL = `mutation($r: ID!, $to: ID, $k: SignalKind!, $p: String!) {
  sendSignal(roomId: $r, to: $to, kind: $k, payload: $p) }`;
const ICE = `query($r: ID!) { iceServers(roomId: $r) { urls username credential } }`;

const VIDEO = { width: { ideal: 480 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 20 } };
// the relay decodes and re-encodes every picture: README "Relay mode" measured 320x240 at 15 fps
const RELAY_VIDEO = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 12, max: 15 } };
const VIDEO_BITRATE = 300_000; // per upstream: a cheap phone on 3G keeps up
const RELAY = "relay"; // the key of the relay connection among `peers`

/** The number in a global ID ("VXNlcjo2" is User:6): decides who offers, and maps relay streams. */
export const userNumber = (gid) => Number(atob(gid).split(":")[1]);
const userGid = (n) => btoa(`User:${n}`);

/** Slow links start audio-only: under ~0.5 Mbit/s down, or the browser's data saver. */
export function slowLink() {
  const c = navigator.connection;
  return Boolean(c && (c.saveData || (c.downlink && c.downlink < 0.5)));
}

const randomId = () => Math.random().toString(36).slice(2, 10);

export class Call {
  constructor(roomId, meId) {
    this.roomId = roomId;
    this.me = meId;
    // what the screen shows
    this.state = signal("idle"); // idle | joining | joined | closed | left | failed
    this.error = signal(null);
    this.mode = signal("MESH");
    this.people = signal(new Map()); // user id → { user, handRaised, muted, joinedAt }
    this.streams = signal(new Map()); // user id → MediaStream (remote)
    this.links = signal(new Map()); // user id → RTCPeerConnectionState of the link carrying them
    this.messages = signal([]);
    this.local = signal(null); // my MediaStream (preview)
    this.muted = signal(false);
    this.cameraOff = signal(false);
    this.audioOnly = signal(false);
    this.hand = signal(false);
    this.muteRequestedBy = signal(null);
    this.deviceProblem = signal(null); // "camera" | "microphone" when we could not get one
    // internals
    this.peers = new Map(); // user id (or RELAY) → { pc, cid, pending, down, stream }
    this.inboxes = new Map();
    this.outboxes = new Map();
    this.aborts = new Map(); // key → { promise, resolve }: signals waiting on a link give up
    this.seen = new Map(); // user id → when we learnt they are here (an answerer waits for offers)
    this.iceServers = [];
    this.presents = 0;
    this.failures = 0; // subscription errors since the last PRESENT
    this.byes = new Map();
    this.stop = null;
    this.watchdog = null;
    this.relayBackoff = 1000;
    this.onOnline = () => this.check(true);
  }

  // --- joining and leaving ---------------------------------------------------------------

  async join({ audioOnly }) {
    this.state.value = "joining";
    this.audioOnly.value = audioOnly;
    this.error.value = null;
    this.presents = 0;
    this.failures = 0;
    try {
      this.iceServers = (await gql(ICE, { r: this.roomId })).iceServers.map((s) => ({
        urls: s.urls,
        ...(s.username ? { username: s.username, credential: s.credential } : {}),
      }));
    } catch (error) {
      this.fail(error);
      return;
    }
    await this.openDevices();
    if (this.state.peek() !== "joining") {
      this.stopDevices(); // left (or the screen closed) while the camera was asked for
      return;
    }
    this.subscribe();
    addEventListener("online", this.onOnline);
    this.watchdog = setInterval(() => this.check(false), 4000);
  }

  subscribe() {
    if (this.stop) this.stop();
    this.stop = live(
      EVENTS,
      { r: this.roomId },
      (data) => this.onEvent(data.roomEvents),
      (error) => this.onStreamError(error),
    );
  }

  onStreamError(error) {
    if (this.state.value === "left" || this.state.value === "closed") return;
    // removed, not allowed, full or closed: stay out; anything else (too slow, a hiccup): rejoin,
    // a few times
    const fatal = ["FORBIDDEN", "NOT_FOUND", "CONFLICT", "UNAUTHENTICATED", "BAD_USER_INPUT"];
    if (fatal.includes(error.code) || ++this.failures > 3) {
      this.fail(error);
      return;
    }
    setTimeout(() => {
      if (this.state.peek() === "joined" || this.state.peek() === "joining") this.subscribe();
    }, 1000 * this.failures);
  }

  fail(error) {
    this.error.value = error;
    this.shutdown("failed");
  }

  /** Leave the room on every connection (leaveRoom), then hang up here. */
  async leave() {
    const was = this.state.value;
    this.shutdown("left");
    if (was === "joined") await gql("mutation($r: ID!) { leaveRoom(roomId: $r) }", { r: this.roomId }).catch(() => {});
  }

  /** Hang up locally: the subscription ends, which leaves the room on this connection. */
  shutdown(state = "left") {
    this.state.value = state;
    if (this.stop) this.stop();
    this.stop = null;
    clearInterval(this.watchdog);
    removeEventListener("online", this.onOnline);
    for (const key of [...this.peers.keys()]) this.hangUp(key);
    this.stopDevices();
    batch(() => {
      this.streams.value = new Map();
      this.links.value = new Map();
    });
  }

  // --- local media ---------------------------------------------------------------------

  async openDevices() {
    this.stopDevices();
    this.deviceProblem.value = null;
    const audio = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    let stream = null;
    if (!this.audioOnly.value) {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio, video: VIDEO });
      } catch {
        this.deviceProblem.value = "camera";
      }
    }
    if (!stream) {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio, video: false });
      } catch {
        this.deviceProblem.value = "microphone";
        stream = new MediaStream(); // listen only
      }
    }
    for (const track of stream.getAudioTracks()) track.enabled = !this.muted.value;
    this.local.value = stream;
    this.cameraOff.value = false;
  }

  stopDevices() {
    const stream = this.local.peek();
    if (stream) for (const track of stream.getTracks()) track.stop();
    this.local.value = null;
  }

  get mic() {
    return this.local.peek()?.getAudioTracks()[0] || null;
  }

  get camera() {
    return this.local.peek()?.getVideoTracks()[0] || null;
  }

  async setMuted(muted) {
    this.muted.value = muted;
    if (this.mic) this.mic.enabled = !muted;
    if (!muted) this.muteRequestedBy.value = null;
    await gql("mutation($r: ID!, $m: Boolean!) { setMuted(roomId: $r, muted: $m) }", { r: this.roomId, m: muted });
  }

  async raiseHand(raised) {
    await gql("mutation($r: ID!, $h: Boolean!) { raiseHand(roomId: $r, raised: $h) }", { r: this.roomId, h: raised });
    this.hand.value = raised;
  }

  /** Camera off stops the camera (its light goes out) and sends nothing; on asks for it again. */
  async setCameraOff(off) {
    const stream = this.local.peek();
    if (!stream || this.audioOnly.value) return;
    if (off) {
      for (const track of stream.getVideoTracks()) {
        track.stop();
        stream.removeTrack(track);
      }
      this.cameraOff.value = true;
      this.replaceVideo(null);
      this.local.value = new MediaStream(stream.getTracks());
      return;
    }
    const video = this.mode.peek() === "RELAY" ? RELAY_VIDEO : VIDEO;
    const fresh = await navigator.mediaDevices.getUserMedia({ video });
    const track = fresh.getVideoTracks()[0];
    stream.addTrack(track);
    this.cameraOff.value = false;
    this.local.value = new MediaStream(stream.getTracks());
    this.replaceVideo(track);
  }

  /** Not awaited: on a connection closed meanwhile the promise would never settle. */
  replaceVideo(track) {
    for (const { pc } of this.peers.values()) {
      const sender = pc.getTransceivers().find((t) => t.receiver.track.kind === "video" && /send/.test(t.direction))?.sender;
      if (sender) sender.replaceTrack(track).catch(() => {});
    }
  }

  /** Audio-only sends and receives no video: the devices are reopened and every link restarts. */
  async setAudioOnly(on) {
    this.audioOnly.value = on;
    await this.openDevices();
    this.restartAll();
  }

  // --- room events -----------------------------------------------------------------------

  onEvent(event) {
    const who = event.user?.id;
    switch (event.kind) {
      case "PRESENT": {
        const people = new Map(event.participants.map((p) => [p.user.id, p]));
        const back = this.presents++ > 0;
        this.failures = 0;
        for (const id of people.keys()) this.seen.set(id, Date.now());
        batch(() => {
          this.people.value = people;
          this.mode.value = event.mode || "MESH";
          this.state.value = "joined";
        });
        const mine = people.get(this.me);
        // the server keeps my flags per connection: a new one starts unmuted with a lowered hand
        if (mine && this.muted.peek() && !mine.muted) this.setMuted(true).catch(() => {});
        if (mine && this.hand.peek() && !mine.handRaised) this.raiseHand(true).catch(() => {});
        if (back || this.messages.peek().length === 0) this.loadMessages();
        this.afterPresence(back);
        break;
      }
      case "JOINED":
        this.seen.set(who, Date.now());
        this.updatePerson(who, () => ({ user: event.user, joinedAt: event.at, handRaised: false, muted: false }), true);
        // someone (re)joining starts afresh: whatever link we had with them is stale
        if (this.mode.peek() === "MESH" && who !== this.me) {
          if (this.offersTo(who)) this.call(who);
          else this.hangUp(who);
        }
        break;
      case "LEFT":
        if (who === this.me) break;
        this.people.value = new Map([...this.people.peek()].filter(([id]) => id !== who));
        this.hangUp(who);
        break;
      case "HAND":
        this.updatePerson(who, (p) => ({ ...p, handRaised: event.handRaised }));
        if (who === this.me) this.hand.value = event.handRaised;
        break;
      case "MUTED":
        this.updatePerson(who, (p) => ({ ...p, muted: event.muted }));
        break;
      case "MUTE_REQUESTED":
        this.muteRequestedBy.value = event.user;
        if (!this.muted.peek()) this.setMuted(true).catch(() => {});
        break;
      case "MODE_CHANGED":
        this.switchMode(event.mode);
        break;
      case "MESSAGE":
      case "MESSAGE_DELETED":
        this.addMessages([event.message]);
        break;
      case "SIGNAL":
        this.receive(event.signal.from?.id ?? null, event.signal.kind, event.signal.payload);
        break;
      case "CLOSED":
        this.shutdown("closed");
        break;
    }
  }

  updatePerson(id, change, create = false) {
    const people = new Map(this.people.peek());
    const current = people.get(id);
    if (!current && !create) return;
    if (current && create) return; // a second connection of someone here already
    people.set(id, change(current));
    this.people.value = people;
    this.showLinks();
  }

  async loadMessages() {
    try {
      const data = await gql(MESSAGES, { r: this.roomId });
      this.addMessages(data.node?.messages.messages || []);
    } catch {
      /* chat history is a nicety; live messages still arrive */
    }
  }

  addMessages(list) {
    const byId = new Map(this.messages.peek().map((m) => [m.id, m]));
    for (const m of list) byId.set(m.id, m);
    this.messages.value = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(-200);
  }

  async say(body) {
    const data = await gql(
      `mutation($r: ID!, $b: String!) { sendRoomMessage(roomId: $r, body: $b) { id body createdAt deleted mine author { id displayName } } }`,
      { r: this.roomId, b: body },
    );
    this.addMessages([data.sendRoomMessage]);
  }

  // --- who connects to whom --------------------------------------------------------------

  offersTo(other) {
    return userNumber(this.me) < userNumber(other);
  }

  others() {
    return [...this.people.peek().keys()].filter((id) => id !== this.me);
  }

  afterPresence(back) {
    if (this.mode.peek() === "RELAY") {
      if (!this.peers.has(RELAY) || back) this.startRelay();
      return;
    }
    for (const key of [...this.peers.keys()]) if (key !== RELAY && !this.people.peek().has(key)) this.hangUp(key);
    if (this.peers.has(RELAY)) this.hangUp(RELAY);
    this.camera?.applyConstraints(VIDEO).catch(() => {});
    // back after a drop: the others may have seen us leave and hung up, so every link starts
    // afresh (the answerer's BYE asks the offerer for a new offer)
    for (const other of this.others()) {
      const link = this.peers.get(other);
      if (!back && link && link.pc.connectionState === "connected") continue;
      if (this.offersTo(other)) this.call(other);
      else if (back) {
        this.hangUp(other);
        this.bye(other);
      }
    }
  }

  switchMode(mode) {
    if (mode === this.mode.peek()) return;
    this.mode.value = mode;
    for (const key of [...this.peers.keys()]) this.hangUp(key);
    this.streams.value = new Map();
    this.afterPresence(false);
  }

  restartAll() {
    if (this.state.peek() === "joined") this.afterPresence(true);
  }

  /** Every few seconds (and when the network returns): restart what stays down. */
  check(now) {
    if (this.state.peek() !== "joined") return;
    const stale = (link, id) => {
      if (!link) return Date.now() - (this.seen.get(id) || 0) > 15000;
      const state = link.pc.connectionState;
      if (state === "connected") return false;
      if (state === "failed" || state === "closed") return true;
      if (now) return state !== "connecting" && state !== "new";
      // a loaded phone (or relay) may take a while to connect; a dropped link may come back
      return Date.now() - link.down > (state === "disconnected" ? 8000 : 25000);
    };
    if (this.mode.peek() === "RELAY") {
      if (stale(this.peers.get(RELAY), RELAY)) this.startRelay();
      return;
    }
    for (const other of this.others()) {
      if (!stale(this.peers.get(other), other)) continue;
      if (this.offersTo(other)) this.call(other);
      else if (Date.now() - (this.byes.get(other) || 0) > 12000) this.bye(other);
    }
  }

  // --- signalling --------------------------------------------------------------------------

  /** Signals to one recipient go out in order; different recipients do not wait for each other. */
  send(to, kind, payload) {
    const variables = { r: this.roomId, to, k: kind, p: payload === "" ? "" : JSON.stringify(payload) };
    const key = to ?? RELAY;
    const sent = (this.outboxes.get(key) || Promise.resolve()).then(() =>
      Promise.race([gql(SIGNAL, variables).catch(() => {}), new Promise((resolve) => setTimeout(resolve, 15000))]),
    );
    this.outboxes.set(key, sent);
    return sent;
  }

  bye(other) {
    this.byes.set(other, Date.now());
    this.send(other, "BYE", "");
  }

  /** Signals are handled one at a time per sender, in the order they came. */
  receive(from, kind, raw) {
    const key = from === null ? RELAY : from;
    const previous = this.inboxes.get(key) || Promise.resolve();
    const next = previous
      .then(() => {
        // a promise of a connection closed meanwhile never settles (WebRTC spec): give up on
        // the signal when its link goes, or after a while, so the next ones are not stuck
        const work = this.handle(key, kind, raw);
        return Promise.race([work, this.gone(key), new Promise((resolve) => setTimeout(resolve, 10000))]);
      })
      .catch(() => {
        /* a signal that cannot apply: the watchdog restarts the link if it stays down */
      });
    this.inboxes.set(key, next);
  }

  /** Settles when the current link with `key` is hung up. */
  gone(key) {
    if (!this.aborts.has(key)) {
      let resolve;
      const promise = new Promise((r) => (resolve = r));
      this.aborts.set(key, { promise, resolve });
    }
    return this.aborts.get(key).promise;
  }

  async handle(key, kind, raw) {
    if (this.state.peek() !== "joined") return;
    const relayMode = this.mode.peek() === "RELAY";
    if ((key === RELAY) !== relayMode) return; // a signal of the mode we just left
    const data = raw ? JSON.parse(raw) : {};
    if (key === RELAY) return this.handleRelay(kind, data);
    const link = this.peers.get(key);
    if (kind === "OFFER") await this.answer(key, data);
    else if (kind === "ANSWER") {
      if (!link || link.cid !== data.cid || link.pc.signalingState !== "have-local-offer") return;
      await link.pc.setRemoteDescription({ type: "answer", sdp: data.sdp });
      await this.flush(link);
      this.capVideo(link.pc);
    } else if (kind === "CANDIDATE") {
      if (!link || link.cid !== data.cid) return;
      await this.addCandidate(link, data);
    } else if (kind === "BYE") {
      this.hangUp(key);
      if (this.offersTo(key) && this.people.peek().has(key)) this.call(key);
    }
  }

  async addCandidate(link, data) {
    const init = { candidate: data.candidate || "", sdpMid: data.sdpMid ?? null, sdpMLineIndex: data.sdpMLineIndex ?? null };
    if (!link.pc.remoteDescription) link.pending.push(init);
    else await link.pc.addIceCandidate(init).catch(() => {});
  }

  async flush(link) {
    for (const init of link.pending.splice(0)) await link.pc.addIceCandidate(init).catch(() => {});
  }

  // --- connections -------------------------------------------------------------------------

  connection(key, cid) {
    this.hangUp(key); // its tracks end with it: the new connection brings fresh ones
    const pc = new RTCPeerConnection({ iceServers: this.iceServers, bundlePolicy: "max-bundle" });
    const link = { pc, cid, pending: [], down: Date.now(), stream: new MediaStream() };
    this.peers.set(key, link);
    pc.onicecandidate = (e) => {
      if (this.peers.get(key) !== link) return;
      const c = e.candidate ? e.candidate.toJSON() : { candidate: "", sdpMid: null, sdpMLineIndex: null };
      const payload = { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null };
      if (key === RELAY) this.send(null, "CANDIDATE", payload);
      else if (e.candidate) this.send(key, "CANDIDATE", { ...payload, cid });
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(key) !== link) return;
      this.showLinks();
      const state = pc.connectionState;
      if (state === "connected") link.down = 0;
      else if (!link.down) link.down = Date.now();
      if (state === "connected" && key === RELAY) this.relayBackoff = 1000;
      if (state !== "failed") return;
      if (key === RELAY) this.startRelay();
      else if (this.offersTo(key)) this.call(key);
      else this.bye(key);
    };
    pc.ontrack = (e) => {
      if (this.peers.get(key) !== link) return;
      if (key === RELAY) this.relayTrack(e);
      else {
        const stream = e.streams[0] || link.stream;
        if (!stream.getTracks().includes(e.track)) stream.addTrack(e.track);
        const refresh = () => this.showStream(key, stream);
        stream.onremovetrack = refresh;
        e.track.onunmute = refresh;
        e.track.onmute = refresh;
        refresh();
      }
    };
    this.showLinks();
    return link;
  }

  /** Close a link; what it carried goes from the screen (the relay's carried everyone). */
  hangUp(key) {
    this.aborts.get(key)?.resolve();
    this.aborts.delete(key);
    const link = this.peers.get(key);
    if (link) {
      this.peers.delete(key);
      link.pc.onconnectionstatechange = null;
      link.pc.close();
    }
    if (key === RELAY) this.streams.value = new Map();
    else this.showStream(key, null);
    this.showLinks();
  }

  showStream(id, stream) {
    const streams = new Map(this.streams.peek());
    if (stream && stream.getTracks().length) streams.set(id, stream);
    else streams.delete(id);
    this.streams.value = streams;
  }

  showLinks() {
    const links = new Map();
    const relay = this.peers.get(RELAY);
    for (const id of this.others()) {
      const link = relay || this.peers.get(id);
      links.set(id, link ? link.pc.connectionState : "new");
    }
    this.links.value = links;
  }

  /** Our upstream: the microphone (or a receive-only audio line), and video unless audio-only. */
  addMedia(pc) {
    const local = this.local.peek() || new MediaStream();
    const mic = this.mic;
    if (mic) pc.addTransceiver(mic, { direction: "sendrecv", streams: [local] });
    else pc.addTransceiver("audio", { direction: "recvonly" });
    if (this.audioOnly.peek()) return;
    if (this.camera || this.cameraOff.peek()) {
      pc.addTransceiver(this.cameraOff.peek() ? "video" : this.camera, {
        direction: "sendrecv",
        streams: [local],
        sendEncodings: [{ maxBitrate: VIDEO_BITRATE }],
      });
    } else pc.addTransceiver("video", { direction: "recvonly" });
  }

  capVideo(pc) {
    for (const t of pc.getTransceivers()) {
      if (t.sender.track?.kind !== "video") continue;
      const params = t.sender.getParameters();
      if (!params.encodings?.length) continue;
      params.encodings[0].maxBitrate = VIDEO_BITRATE;
      t.sender.setParameters(params).catch(() => {});
    }
  }

  /** Mesh: offer a fresh connection to `other`. */
  async call(other) {
    const cid = randomId();
    const link = this.connection(other, cid);
    try {
      this.addMedia(link.pc);
      const offer = await link.pc.createOffer();
      if (this.peers.get(other) !== link) return;
      await link.pc.setLocalDescription(offer);
      await this.send(other, "OFFER", { type: "offer", sdp: link.pc.localDescription.sdp, cid });
    } catch {
      /* replaced or closed meanwhile; the watchdog calls again if nothing else does */
    }
  }

  /** Mesh: answer an offer on a fresh connection, sending back what it asks for. */
  async answer(other, data) {
    const link = this.connection(other, data.cid);
    const { pc } = link;
    await pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
    const local = this.local.peek() || new MediaStream();
    const used = new Set();
    for (const t of pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (used.has(kind)) {
        t.direction = "recvonly";
        continue;
      }
      used.add(kind);
      if (kind === "video" && this.audioOnly.peek()) {
        t.direction = "inactive";
        continue;
      }
      const track = kind === "audio" ? this.mic : this.camera;
      if (track || (kind === "video" && this.cameraOff.peek())) {
        if (track) await t.sender.replaceTrack(track);
        t.sender.setStreams(local);
        t.direction = "sendrecv";
      } else t.direction = "recvonly";
    }
    await pc.setLocalDescription(await pc.createAnswer());
    const sent = this.send(other, "ANSWER", { type: "answer", sdp: pc.localDescription.sdp, cid: data.cid });
    await this.flush(link);
    this.capVideo(pc);
    await sent;
  }

  // --- relay mode ----------------------------------------------------------------------------

  async startRelay() {
    await this.camera?.applyConstraints(RELAY_VIDEO).catch(() => {});
    const link = this.connection(RELAY, randomId());
    try {
      this.addMedia(link.pc);
      await link.pc.setLocalDescription(await link.pc.createOffer());
      if (this.peers.get(RELAY) !== link) return;
      await this.send(null, "OFFER", { type: "offer", sdp: link.pc.localDescription.sdp });
    } catch {
      /* replaced or closed meanwhile */
    }
  }

  async handleRelay(kind, data) {
    const link = this.peers.get(RELAY);
    if (kind === "BYE") {
      // the relay dropped us: start again, backing off if it keeps happening
      this.hangUp(RELAY);
      const wait = this.relayBackoff;
      this.relayBackoff = Math.min(wait * 2, 15000);
      setTimeout(() => {
        if (this.state.peek() === "joined" && this.mode.peek() === "RELAY" && !this.peers.has(RELAY)) this.startRelay();
      }, wait);
      return;
    }
    if (!link) return;
    const { pc } = link;
    if (kind === "ANSWER") {
      if (pc.signalingState !== "have-local-offer") return;
      await pc.setRemoteDescription({ type: "answer", sdp: data.sdp });
      await this.flush(link);
      this.capVideo(pc);
    } else if (kind === "OFFER") {
      if (!pc.currentRemoteDescription) return; // meant for a connection we replaced
      const glare = pc.signalingState === "have-local-offer";
      if (glare) await pc.setLocalDescription({ type: "rollback" });
      await pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await this.send(null, "ANSWER", { type: "answer", sdp: pc.localDescription.sdp });
      if (glare) {
        await pc.setLocalDescription(await pc.createOffer());
        await this.send(null, "OFFER", { type: "offer", sdp: pc.localDescription.sdp });
      }
    } else if (kind === "CANDIDATE") await this.addCandidate(link, data);
  }

  relayTrack(e) {
    const stream = e.streams[0];
    const found = stream && /^user-(\d+)$/.exec(stream.id);
    if (!found) return;
    const id = userGid(found[1]);
    const refresh = () => {
      // a leaver's lines go inactive (their stream empties) and may come back carrying
      // someone else: a stream with tracks is shown, an empty one only takes itself away
      if (stream.getTracks().length) this.showStream(id, stream);
      else if (this.streams.peek().get(id) === stream) this.showStream(id, null);
    };
    stream.onremovetrack = refresh;
    e.track.onunmute = refresh;
    e.track.onmute = refresh;
    refresh();
  }
}
