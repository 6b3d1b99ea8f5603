// A Rajut notes editor in Node with the real npm yjs and y-websocket provider: the same code
// a browser editor runs, pointed at /notes with the token in `params`.
//
// Usage: node editor.mjs '{"base": "ws://127.0.0.1:8000", "note": "<note ID>", "token": "…",
//                          "ops": 200, "seed": 1, "offlineAt": 50, "offlineOps": 30}'
// Prints one JSON line per event ({"synced": true}, {"done": true}); then answers "text" on
// stdin with {"text": …} and exits on "exit".
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import readline from 'node:readline'

const options = JSON.parse(process.argv[2])
const say = (value) => process.stdout.write(JSON.stringify(value) + '\n')

let state = options.seed >>> 0 || 1
const random = () => { // mulberry32: the same run for the same seed
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pieces = ['a', 'b', 'ku', ' ', '\n', 'ng', 'js']

const doc = new Y.Doc()
const text = doc.getText('text')
const provider = new WebsocketProvider(options.base + '/notes', options.note, doc, {
  WebSocketPolyfill: WebSocket,
  params: { token: options.token },
  disableBc: true
})
provider.awareness.setLocalStateField('user', { name: options.name || 'node' })

const synced = () => new Promise((resolve) => {
  if (provider.synced) return resolve()
  const handler = (isSynced) => { if (isSynced) { provider.off('sync', handler); resolve() } }
  provider.on('sync', handler)
})
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const edit = () => {
  const length = text.length
  if (length && random() < 0.35) {
    const start = Math.floor(random() * length)
    text.delete(start, Math.min(length - start, 1 + Math.floor(random() * 3)))
  } else {
    text.insert(Math.floor(random() * (length + 1)), pieces[Math.floor(random() * pieces.length)])
  }
}

await synced()
say({ synced: true })
for (let n = 0; n < options.ops; n++) {
  if (options.offlineAt === n) {
    provider.disconnect() // a phone losing its signal: edits pile up locally
    for (let k = 0; k < (options.offlineOps || 0); k++) edit()
    provider.connect()
    await synced()
  }
  edit()
  await pause(random() * 10)
}
say({ done: true })

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line.trim() === 'text') say({ text: text.toString() })
  if (line.trim() === 'exit') {
    provider.destroy()
    process.exit(0)
  }
})
