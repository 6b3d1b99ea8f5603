// Bundles the web app from src/ into public/ (the folder Rajut serves at /).
//
//   node build.mjs              write public/dist, public/index.html, public/sw.js, public/licenses.txt
//   node build.mjs --out DIR    the same into DIR (tests/test_spa_build.py compares it with public/)
//
// The output is committed so that running Rajut needs no Node.js; `make spa` runs this.
// Every file name under dist/ carries a hash of its content, so the server may let browsers
// keep them for a year, and the service worker's cache name changes whenever any of them does.
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.indexOf("--out");
const out = outFlag > 0 ? process.argv[outFlag + 1] : join(here, "public");
const dist = join(out, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: ["src/main.js"],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  target: ["es2020"],
  entryNames: "[name]-[hash]",
  chunkNames: "c/[name]-[hash]",
  assetNames: "a/[name]-[hash]",
  loader: { ".svg": "file" },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

// esbuild puts the CSS that screens import into the entry's stylesheet (loaded once, a few KB)
// and also writes a copy per lazy chunk that nothing links to: drop those copies.
for (const path of Object.keys(result.metafile.outputs)) {
  if (path.endsWith(".css") && !/\/main-[^/]+\.css$/.test(path)) {
    rmSync(join(here, path));
    delete result.metafile.outputs[path];
  }
}
const files = Object.keys(result.metafile.outputs).map((path) => "/" + relative(out, join(here, path)));
const mainJs = files.find((f) => /\/dist\/main-[^/]+\.js$/.test(f));
const mainCss = files.find((f) => /\/dist\/main-[^/]+\.css$/.test(f));

// The entry's static imports, preloaded so a slow link fetches them alongside the entry rather
// than one round trip later.
const entryOutput = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === "src/main.js")[1];
const preloads = entryOutput.imports
  .filter((i) => i.kind === "import-statement")
  .map((i) => `<link rel="modulepreload" href="/${relative(out, join(here, i.path))}">`)
  .join("\n");
const page = readFileSync(join(here, "src/index.html"), "utf8")
  .replaceAll("%MAIN_JS%", mainJs)
  .replaceAll("%PRELOADS%", preloads)
  .replaceAll("%MAIN_CSS%", mainCss);
writeFileSync(join(out, "index.html"), page);

// The shell the service worker keeps for offline starts: the page, its entry script and style,
// and the manifest and icons. Lazy chunks are cached as they are first used.
const shell = ["/", mainJs, mainCss, "/app.webmanifest", "/icon.svg"];
const version = createHash("sha256").update(files.sort().join("\n") + page).digest("hex").slice(0, 12);
await esbuild.build({
  absWorkingDir: here,
  entryPoints: ["src/sw.js"],
  outfile: join(out, "sw.js"),
  bundle: true,
  minify: true,
  target: ["es2020"],
  define: { __SHELL__: JSON.stringify(shell), __VERSION__: JSON.stringify(version) },
  logLevel: "warning",
});

// Licences of everything bundled, from each package's own licence file.
const bundled = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) bundled.add(match[1]);
}
const notices = [...bundled].sort().map((name) => {
  const folder = join(here, "node_modules", name);
  const licence = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
  const { version: v } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  return `${name}@${v}\n\n${readFileSync(join(folder, licence), "utf8").trim()}\n`;
});
writeFileSync(join(out, "licenses.txt"), notices.join("\n" + "-".repeat(72) + "\n\n"));
console.log(`built ${files.length} files, shell ${version}`);
