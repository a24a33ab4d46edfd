#!/usr/bin/env node
// Offline render + validation of TileCluster's Kubernetes manifests (no cluster, no network).
//
//   node validate.mjs [DIR...] [--out FILE] [--print] [--sync-config] [--no-kubectl]
//
// DIR: kustomization directories (default: base, overlays/example, overlays/managed-redis, overlays/s3-store,
//      import under deploy/k8s).
// 1. Renders each one with the subset of kustomize the manifests use (resources, namespace,
//    labels, configMapGenerator with name hash + reference rewriting, images, replicas,
//    strategic-merge patches, `$patch: delete`). Anything else in a kustomization.yaml is an error, so the subset
//    can't silently drift from real kustomize. When `kubectl` is on PATH its `kubectl kustomize`
//    output must equal ours object for object (a check of this renderer).
// 2. Validates every object against the Kubernetes OpenAPI schemas (kubernetes-models), plus
//    unknown fields (which the API server rejects) and the project's rules.
// 3. Checks that base/config/ holds byte-identical copies of config/tilecluster.json and
//    styles/osm.yaml (--sync-config copies them first).
// Exit status: 0 valid, 1 invalid, 2 usage/internal error. Every message names file/object/field.

import { readFileSync, existsSync, statSync, writeFileSync, copyFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import YAML from "yaml";

const TOOLS = path.dirname(fileURLToPath(import.meta.url));
const K8S = path.resolve(TOOLS, "..");
const REPO = path.resolve(K8S, "../..");
const require = createRequire(import.meta.url);
const rel = (p) => path.relative(REPO, p) || ".";

const errors = [];
const fail = (where, msg) => errors.push(`${where}: ${msg}`);
const note = (msg) => console.error(msg);

// ---------------------------------------------------------------------------------------------
// Render: a kustomize subset
// ---------------------------------------------------------------------------------------------

const SUPPORTED = new Set(["apiVersion", "kind", "namespace", "labels", "resources", "configMapGenerator",
  "images", "replicas", "patches"]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
  "StorageClass", "PersistentVolume", "PriorityClass", "IngressClass"]);
const POD_TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

class RenderError extends Error {}

function loadYamlDocs(file) {
  const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"));
  const out = [];
  for (const d of docs) {
    if (d.errors.length) throw new RenderError(`${rel(file)}: YAML: ${d.errors[0].message}`);
    const v = d.toJS();
    if (v == null) continue;
    if (typeof v !== "object" || Array.isArray(v)) throw new RenderError(`${rel(file)}: a document is not a mapping`);
    if (!v.apiVersion || !v.kind || !v.metadata?.name) {
      throw new RenderError(`${rel(file)}: a document lacks apiVersion, kind or metadata.name`);
    }
    Object.defineProperty(v, "__source", { value: rel(file), enumerable: false, writable: true });
    out.push(v);
  }
  return out;
}

const id = (o) => `${o.kind}/${o.metadata.namespace ? o.metadata.namespace + "/" : ""}${o.metadata.name}`;

function podSpecs(o) {
  if (POD_TEMPLATE_KINDS.has(o.kind)) return o.spec?.template?.spec ? [["spec.template.spec", o.spec.template.spec]] : [];
  if (o.kind === "CronJob") return [["spec.jobTemplate.spec.template.spec", o.spec?.jobTemplate?.spec?.template?.spec]].filter((x) => x[1]);
  if (o.kind === "Pod") return [["spec", o.spec]];
  return [];
}
const containersOf = (spec) => [
  ...(spec.initContainers ?? []).map((c, i) => [`initContainers[${i}](${c.name})`, c, true]),
  ...(spec.containers ?? []).map((c, i) => [`containers[${i}](${c.name})`, c, false]),
];

// Go's encoding/json escapes these; kustomize hashes Go's JSON.
const goJson = (v) => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
// kustomize v5 (api/hasher) looks the name up with yaml.Lookup("metadata/name"), which finds no
// field of that literal name, so the name it hashes is always "": data alone decides the suffix.
function configMapHash(cm) {
  const m = { data: cm.data ?? {}, kind: "ConfigMap", name: "" };
  const hex = createHash("sha256").update(goJson(sortKeys(m))).digest("hex");
  const map = { 0: "g", 1: "h", 3: "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join("");
}

function splitImage(image) {
  let rest = image, digest = "", tag = "";
  const at = rest.indexOf("@");
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { name: rest, tag, digest };
}

function strategicMerge(target, patch, where) {
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) throw new RenderError(`${where}: patch directive ${k} is not supported by this renderer`);
    if (v === null) { delete target[k]; continue; }
    const t = target[k];
    if (Array.isArray(v) && Array.isArray(t) && v.every((e) => e && typeof e === "object" && "name" in e)
        && t.every((e) => e && typeof e === "object" && "name" in e)) {
      // As kustomize orders it: the patch's elements (merged into existing ones of that name)
      // in the patch's order first, then the other existing elements.
      const merged = v.map((e) => {
        const existing = t.find((x) => x.name === e.name);
        if (!existing) return structuredClone(e);
        strategicMerge(existing, e, `${where}.${k}[${e.name}]`);
        return existing;
      });
      target[k] = [...merged, ...t.filter((x) => !v.some((e) => e.name === x.name))];
    } else if (v && typeof v === "object" && !Array.isArray(v) && t && typeof t === "object" && !Array.isArray(t)) {
      strategicMerge(t, v, `${where}.${k}`);
    } else {
      target[k] = structuredClone(v);
    }
  }
}

function render(dir, stack = []) {
  dir = path.resolve(dir);
  if (stack.includes(dir)) throw new RenderError(`${rel(dir)}: kustomization cycle`);
  const kfile = path.join(dir, "kustomization.yaml");
  if (!existsSync(kfile)) throw new RenderError(`${rel(dir)}: no kustomization.yaml`);
  const k = YAML.parse(readFileSync(kfile, "utf8")) ?? {};
  const kwhere = rel(kfile);
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new RenderError(`${kwhere}: '${key}' is not implemented by deploy/k8s/tools/validate.mjs (extend it, or use a supported feature)`);
  }
  const within = (p, what) => {
    const abs = path.resolve(dir, p);
    // kustomize's load restrictor: files must be inside the kustomization's directory.
    if (what === "file" && !(abs + path.sep).startsWith(dir + path.sep)) {
      throw new RenderError(`${kwhere}: ${p}: file is outside the kustomization directory (kustomize's load restrictor rejects it)`);
    }
    if (!existsSync(abs)) throw new RenderError(`${kwhere}: ${p}: does not exist`);
    return abs;
  };

  let objs = [];
  const generated = new Map(); // ConfigMap original name -> hashed name (this level and below)
  for (const r of k.resources ?? []) {
    const abs = within(r, "resource");
    if (statSync(abs).isDirectory()) {
      const child = render(abs, [...stack, dir]);
      objs.push(...child.objs);
      for (const [a, b] of child.generated) generated.set(a, b);
    } else {
      if (!(abs + path.sep).startsWith(dir + path.sep)) throw new RenderError(`${kwhere}: ${r}: file is outside the kustomization directory`);
      objs.push(...loadYamlDocs(abs));
    }
  }

  const own = [];
  for (const [i, g] of (k.configMapGenerator ?? []).entries()) {
    const gwhere = `${kwhere}: configMapGenerator[${i}]`;
    for (const key of Object.keys(g)) {
      if (!["name", "files", "literals", "options"].includes(key)) throw new RenderError(`${gwhere}: '${key}' is not implemented`);
    }
    const data = {};
    for (const f of g.files ?? []) {
      const [key, file] = f.includes("=") ? f.split("=", 2) : [path.basename(f), f];
      data[key] = readFileSync(within(file, "file"), "utf8");
    }
    for (const l of g.literals ?? []) {
      const eq = l.indexOf("=");
      if (eq < 0) throw new RenderError(`${gwhere}: literal '${l}' is not KEY=VALUE`);
      data[l.slice(0, eq)] = l.slice(eq + 1);
    }
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: g.name }, data };
    if (g.options?.labels) cm.metadata.labels = { ...g.options.labels };
    Object.defineProperty(cm, "__source", { value: `${gwhere} (${g.name})`, enumerable: false, writable: true });
    Object.defineProperty(cm, "__hash", { value: !g.options?.disableNameSuffixHash, enumerable: false, writable: true });
    own.push(cm);
  }
  objs.push(...own);

  // patches (strategic merge)
  for (const [i, p] of (k.patches ?? []).entries()) {
    const pwhere = `${kwhere}: patches[${i}]`;
    if (p.target || p.options) throw new RenderError(`${pwhere}: 'target'/'options' are not implemented; identify the object by the patch's apiVersion/kind/name`);
    const docs = p.path ? loadYamlDocs(within(p.path, "file")) : YAML.parseAllDocuments(p.patch ?? "").map((d) => d.toJS()).filter(Boolean);
    for (const doc of docs) {
      if (Array.isArray(doc)) throw new RenderError(`${pwhere}: JSON6902 patches are not implemented`);
      const hits = objs.filter((o) => o.kind === doc.kind && o.metadata.name === doc.metadata?.name
        && (!doc.metadata.namespace || o.metadata.namespace === doc.metadata.namespace));
      if (hits.length !== 1) throw new RenderError(`${pwhere}: patch for ${doc.kind}/${doc.metadata?.name} matches ${hits.length} objects`);
      const { apiVersion, kind, ...rest } = doc;
      if (apiVersion !== hits[0].apiVersion) throw new RenderError(`${pwhere}: apiVersion ${apiVersion} differs from ${id(hits[0])}'s ${hits[0].apiVersion}`);
      // The one top-level directive supported: `$patch: delete` removes the object.
      if (rest.$patch === "delete") { objs.splice(objs.indexOf(hits[0]), 1); continue; }
      strategicMerge(hits[0], { ...rest, metadata: { ...rest.metadata, name: undefined } }, `${pwhere}(${id(hits[0])})`);
      hits[0].metadata.name = doc.metadata.name;
    }
  }

  if (k.namespace) {
    for (const o of objs) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
    // kustomize also moves the ServiceAccount subjects of (Cluster)RoleBindings that name no
    // namespace, or "default", into the kustomization's namespace.
    for (const o of objs) if (o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding") {
      for (const sub of o.subjects ?? []) {
        if (sub.kind === "ServiceAccount" && (!sub.namespace || sub.namespace === "default")) sub.namespace = k.namespace;
      }
    }
  }

  for (const [i, l] of (k.labels ?? []).entries()) {
    for (const key of Object.keys(l)) {
      if (!["pairs", "includeSelectors", "includeTemplates"].includes(key)) throw new RenderError(`${kwhere}: labels[${i}].${key} is not implemented`);
    }
    if (l.includeSelectors) throw new RenderError(`${kwhere}: labels[${i}].includeSelectors: true is not implemented (selectors must stay stable anyway)`);
    for (const o of objs) {
      o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
      if (l.includeTemplates) {
        const tmpls = [];
        if (POD_TEMPLATE_KINDS.has(o.kind) && o.spec?.template) tmpls.push(o.spec.template);
        if (o.kind === "StatefulSet") tmpls.push(...(o.spec?.volumeClaimTemplates ?? []));
        if (o.kind === "CronJob" && o.spec?.jobTemplate) {
          tmpls.push(o.spec.jobTemplate);
          if (o.spec.jobTemplate.spec?.template) tmpls.push(o.spec.jobTemplate.spec.template);
        }
        for (const t of tmpls) { t.metadata ??= {}; t.metadata.labels = { ...t.metadata.labels, ...l.pairs }; }
      }
    }
  }

  for (const [i, im] of (k.images ?? []).entries()) {
    for (const key of Object.keys(im)) {
      if (!["name", "newName", "newTag", "digest"].includes(key)) throw new RenderError(`${kwhere}: images[${i}].${key} is not implemented`);
    }
    for (const o of objs) for (const [, spec] of podSpecs(o)) for (const [, c] of containersOf(spec)) {
      if (typeof c.image !== "string") continue;
      const s = splitImage(c.image);
      if (s.name !== im.name) continue;
      const name = im.newName ?? s.name;
      c.image = im.digest ? `${name}@${im.digest}` : im.newTag ? `${name}:${im.newTag}`
        : `${name}${s.tag ? ":" + s.tag : ""}${s.digest ? "@" + s.digest : ""}`;
    }
  }

  for (const [i, r] of (k.replicas ?? []).entries()) {
    const hits = objs.filter((o) => ["Deployment", "StatefulSet", "ReplicaSet"].includes(o.kind) && o.metadata.name === r.name);
    if (!hits.length) throw new RenderError(`${kwhere}: replicas[${i}]: no Deployment/StatefulSet named ${r.name}`);
    for (const o of hits) o.spec.replicas = r.count;
  }

  // Name suffix hashes of this level's generated ConfigMaps, then reference rewriting everywhere.
  for (const cm of own) {
    if (!cm.__hash) continue;
    const hashed = `${cm.metadata.name}-${configMapHash(cm)}`;
    generated.set(cm.metadata.name, hashed);
    cm.metadata.name = hashed;
  }
  const rename = (n) => generated.get(n) ?? n;
  for (const o of objs) for (const [, spec] of podSpecs(o)) {
    for (const v of spec.volumes ?? []) {
      if (v.configMap) v.configMap.name = rename(v.configMap.name);
      for (const s of v.projected?.sources ?? []) if (s.configMap) s.configMap.name = rename(s.configMap.name);
    }
    for (const [, c] of containersOf(spec)) {
      for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) e.valueFrom.configMapKeyRef.name = rename(e.valueFrom.configMapKeyRef.name);
      for (const e of c.envFrom ?? []) if (e.configMapRef) e.configMapRef.name = rename(e.configMapRef.name);
    }
  }
  return { objs, generated };
}

// kustomize's default ("legacy") output order.
const ORDER_FIRST = ["Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
  "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
  "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
  "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];
function kindRank(kind) {
  const f = ORDER_FIRST.indexOf(kind);
  if (f >= 0) return f;
  const l = ORDER_LAST.indexOf(kind);
  return l >= 0 ? 1000 + l : 500;
}
const sortObjs = (objs) => [...objs].sort((a, b) => kindRank(a.kind) - kindRank(b.kind)
  || (kindRank(a.kind) === 500 ? a.kind.localeCompare(b.kind) : 0)
  || (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "")
  || a.metadata.name.localeCompare(b.metadata.name));

// ---------------------------------------------------------------------------------------------
// Cross-check against real kustomize when kubectl is available
// ---------------------------------------------------------------------------------------------

function firstDifference(a, b, p = "") {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return `${p || "."}: ours ${JSON.stringify(a)?.slice(0, 120)} vs kustomize ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const d = firstDifference(a[key], b[key], Array.isArray(a) ? `${p}[${key}]` : `${p}.${key}`);
    if (d) return d;
  }
  return null;
}

function crossCheck(dir, objs) {
  if (process.argv.includes("--no-kubectl") || process.env.TILECLUSTER_NO_KUBECTL) return "skipped (--no-kubectl)";
  const r = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", timeout: 60_000 });
  if (r.error?.code === "ENOENT") return "skipped (kubectl not on PATH)";
  if (r.error || r.status !== 0) {
    fail(rel(dir), `kubectl kustomize failed: ${(r.stderr || r.error?.message || "").trim()}`);
    return "failed";
  }
  const theirs = YAML.parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
  const key = (o) => id(o);
  const mine = new Map(objs.map((o) => [key(o), JSON.parse(JSON.stringify(o))]));
  for (const t of theirs) {
    const m = mine.get(key(t));
    if (!m) { fail(rel(dir), `kubectl kustomize renders ${key(t)}, this renderer does not`); continue; }
    mine.delete(key(t));
    const d = firstDifference(m, t);
    if (d) fail(`${rel(dir)} ${key(t)}`, `this renderer differs from kubectl kustomize at ${d}`);
  }
  for (const k of mine.keys()) fail(rel(dir), `this renderer renders ${k}, kubectl kustomize does not`);
  return "identical to kubectl kustomize";
}

// ---------------------------------------------------------------------------------------------
// Schema validation (kubernetes-models) + unknown fields (from its type declarations)
// ---------------------------------------------------------------------------------------------

const MODELS = path.dirname(require.resolve("kubernetes-models/package.json"));

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

// A tiny reader of the .d.ts files: interfaces -> property types, to find fields the schema
// (which allows additional properties) would let through but the API server rejects.
const dtsCache = new Map();
function readDts(file) {
  if (dtsCache.has(file)) return dtsCache.get(file);
  const src = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const imports = new Map();
  for (const m of src.matchAll(/import \{([^}]*)\} from "([^"]+)"/g)) {
    for (const n of m[1].split(",").map((s) => s.trim()).filter(Boolean)) imports.set(n, m[2]);
  }
  const aliases = new Map();
  for (const m of src.matchAll(/export type \{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const mm = part.trim().match(/^(\w+) as (\w+)$/);
      if (mm) aliases.set(mm[2], mm[1]);
    }
  }
  const interfaces = new Map();
  for (const m of src.matchAll(/export interface (\w+)(?: extends [^{]*)? \{/g)) {
    const [type] = parseMembers(src, m.index + m[0].length);
    interfaces.set(m[1], type);
  }
  const info = { file, imports, aliases, interfaces };
  dtsCache.set(file, info);
  return info;
}

// Parses members from just after '{' to the matching '}'; returns [type, indexAfter].
function parseMembers(src, i) {
  const props = new Map();
  let open = false;
  for (;;) {
    i = skipWs(src, i);
    if (src[i] === "}") return [{ t: "obj", props, open }, i + 1];
    if (src[i] === "[") { // index signature: [key: string]: T
      const close = src.indexOf("]", i);
      i = skipWs(src, close + 1);
      if (src[i] !== ":") throw new Error("d.ts: index signature");
      const [vt, j] = parseType(src, i + 1);
      i = skipWs(src, j);
      if (src[i] === ";") i++;
      return closeObj(src, i, { t: "map", value: vt });
    }
    let name;
    const m = src.slice(i).match(/^(?:"([^"]+)"|(\w+))(\?)?\s*:/);
    if (m) { name = m[1] ?? m[2]; i += m[0].length; } else {
      // constructor or anything else we don't model: skip to ';'
      i = src.indexOf(";", i) + 1; open = true; continue;
    }
    const [type, j] = parseType(src, i);
    props.set(name, type);
    i = skipWs(src, j);
    if (src[i] === ";" || src[i] === ",") i++;
  }
}
function closeObj(src, i, type) {
  i = skipWs(src, i);
  if (src[i] !== "}") { const [, j] = parseMembers(src, i); return [{ t: "leaf" }, j]; }
  return [type, i + 1];
}
const skipWs = (s, i) => { while (i < s.length && /\s/.test(s[i])) i++; return i; };

function parseType(src, i) {
  const alts = [];
  for (;;) {
    i = skipWs(src, i);
    let t;
    if (src.startsWith("Array<", i)) {
      const [item, j] = parseType(src, i + 6);
      i = skipWs(src, j);
      if (src[i] !== ">") throw new Error("d.ts: Array<");
      t = { t: "array", item }; i++;
    } else if (src[i] === "{") {
      [t, i] = parseMembers(src, i + 1);
    } else if (src[i] === '"') {
      const end = src.indexOf('"', i + 1); t = { t: "leaf" }; i = end + 1;
    } else {
      const m = src.slice(i).match(/^[\w.]+(\["\w+"\])?/);
      if (!m) throw new Error(`d.ts: unexpected '${src.slice(i, i + 20)}'`);
      t = ["string", "number", "boolean", "any", "unknown", "null", "object"].includes(m[0]) || m[1] ? { t: "leaf" } : { t: "ref", name: m[0] };
      i += m[0].length;
    }
    alts.push(t);
    i = skipWs(src, i);
    if (src[i] === "|") { i++; continue; }
    break;
  }
  return [alts.length === 1 ? alts[0] : { t: "leaf" }, i];
}

function resolveRef(info, name) {
  const local = info.aliases.get(name) ?? name;
  if (info.interfaces.has(local)) return { info, type: info.interfaces.get(local) };
  const from = info.imports.get(name);
  if (!from) return null;
  let file;
  if (from.startsWith(".")) file = path.resolve(path.dirname(info.file), from.replace(/\.js$/, ".d.ts"));
  else {
    try { file = require.resolve(from).replace(/\.js$/, ".d.ts"); } catch { return null; }
  }
  if (!existsSync(file)) return null;
  const target = readDts(file);
  const tlocal = target.aliases.get(name) ?? name;
  const type = target.interfaces.get(tlocal);
  return type ? { info: target, type } : null;
}

function unknownFields(value, type, info, p, where, depth = 0) {
  if (value == null || depth > 40) return;
  if (type.t === "ref") {
    const r = resolveRef(info, type.name);
    if (r) unknownFields(value, r.type, r.info, p, where, depth + 1);
    return;
  }
  if (type.t === "array" && Array.isArray(value)) {
    value.forEach((v, i) => unknownFields(v, type.item, info, `${p}[${i}]`, where, depth + 1));
  } else if (type.t === "map" && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) unknownFields(v, type.value, info, `${p}.${k}`, where, depth + 1);
  } else if (type.t === "obj" && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (!type.props.has(k)) { if (!type.open) fail(where, `${p ? p.slice(1) + "." : ""}${k}: unknown field (not in the ${info.file.split("/").slice(-3).join("/").replace(".d.ts", "")} schema)`); continue; }
      unknownFields(v, type.props.get(k), info, `${p}.${k}`, where, depth + 1);
    }
  }
}

async function validateSchema(o) {
  const where = `${o.__source ?? "?"} ${id(o)}`;
  const spec = modelPath(o.apiVersion, o.kind);
  let mod;
  try { mod = await import(spec); } catch {
    fail(where, `apiVersion ${o.apiVersion} kind ${o.kind} is not a known Kubernetes type (kubernetes-models has no ${spec})`);
    return;
  }
  const Model = mod[o.kind];
  try { new Model(structuredClone(o)).validate(); } catch (e) {
    const list = e.errors ?? [{ instancePath: "", message: e.message }];
    for (const er of list) {
      const field = er.instancePath.replace(/^\//, "").replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".") || "(object)";
      const extra = er.params?.allowedValues ? ` (${er.params.allowedValues.join(", ")})` : er.params?.missingProperty ? ` '${er.params.missingProperty}'` : "";
      fail(where, `${field}: ${er.message}${extra}`);
    }
  }
  const dts = path.join(MODELS, spec.replace(/^kubernetes-models\//, "") + ".d.ts");
  if (existsSync(dts)) {
    const info = readDts(dts);
    const type = info.interfaces.get(`I${o.kind}`);
    if (type) unknownFields(o, type, info, "", where);
  }
}

// ---------------------------------------------------------------------------------------------
// Project rules
// ---------------------------------------------------------------------------------------------

// Secrets that the operator creates (docs/operations.md), so the manifests may reference them.
const EXTERNAL_SECRETS = new Set(["tilecluster-db", "tilecluster-admin", "tilecluster-tls", "tilecluster-redis", "tilecluster-s3"]);
// PersistentVolumeClaims the operator creates (the import Job's optional PBF volume).
const EXTERNAL_CLAIMS = new Set(["tilecluster-pbf"]);
// TileCluster's own images. silo and gateway read tilecluster.json; import (osm2pgsql) and
// replication (osm2pgsql + the tilecluster CLI) don't.
const tcImage = (c, names = "silo|gateway|import|replication") => new RegExp(`(^|/)tilecluster/(${names})(:|@|$)`).test(c.image ?? "");
const isTileCluster = (spec) => containersOf(spec).some(([, c]) => tcImage(c));
const cpuMillis = (q) => typeof q === "number" ? q * 1000 : /m$/.test(q) ? parseFloat(q) : parseFloat(q) * 1000;

function projectRules(objs) {
  const byKind = (k) => objs.filter((o) => o.kind === k);
  const configMaps = new Map(byKind("ConfigMap").map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]));
  const secrets = new Set(byKind("Secret").map((s) => s.metadata.name));
  const claims = new Set(byKind("PersistentVolumeClaim").map((c) => `${c.metadata.namespace}/${c.metadata.name}`));
  const templates = [];
  const orleansContainers = [];

  for (const o of objs) {
    const where = `${o.__source ?? "?"} ${id(o)}`;
    const ns = o.metadata.namespace;
    if (!CLUSTER_SCOPED.has(o.kind) && !ns) fail(where, "metadata.namespace: not set (the kustomization should set namespace)");

    if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"].includes(o.kind)) {
      const sel = o.spec?.selector?.matchLabels ?? {};
      const labels = o.spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(sel)) {
        if (labels[k] !== v) fail(where, `spec.selector.matchLabels.${k}=${v}: the pod template's labels don't match it`);
      }
      templates.push({ o, labels, ns });
    }
    if (o.kind === "StatefulSet" && o.spec?.serviceName) {
      const svc = objs.find((s) => s.kind === "Service" && s.metadata.name === o.spec.serviceName && s.metadata.namespace === ns);
      if (!svc) fail(where, `spec.serviceName: no Service ${o.spec.serviceName}`);
      else if (svc.spec?.clusterIP !== "None") fail(where, `spec.serviceName: Service ${o.spec.serviceName} is not headless (clusterIP: None)`);
    }

    for (const [sp, spec] of podSpecs(o)) {
      const isJob = o.kind === "Job" || o.kind === "CronJob";
      const isPostgis = o.metadata.name === "tilecluster-postgis";
      const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
      for (const t of o.spec?.volumeClaimTemplates ?? []) volumes.set(t.metadata?.name, { pvc: true });
      const tc = isTileCluster(spec);
      if (tc) {
        if (spec.securityContext?.runAsNonRoot !== true) fail(where, `${sp}.securityContext.runAsNonRoot: must be true on TileCluster pods`);
        if (spec.securityContext?.runAsUser === 0) fail(where, `${sp}.securityContext.runAsUser: must not be 0`);
      }
      if (o.kind === "StatefulSet" && o.metadata.name === "tilecluster-silo") {
        const g = spec.terminationGracePeriodSeconds;
        if (!(g > 30)) fail(where, `${sp}.terminationGracePeriodSeconds: ${g ?? "unset (30)"}; must exceed 30 s so the silo's ~20 s drain finishes`);
      }
      for (const [v, vol] of volumes) {
        const refs = [];
        if (vol.configMap) refs.push([`${sp}.volumes(${v}).configMap`, vol.configMap]);
        for (const [i, s] of (vol.projected?.sources ?? []).entries()) {
          if (s.configMap) refs.push([`${sp}.volumes(${v}).projected.sources[${i}].configMap`, s.configMap]);
          if (s.secret && !secrets.has(s.secret.name) && !EXTERNAL_SECRETS.has(s.secret.name)) fail(where, `${sp}.volumes(${v}): Secret ${s.secret.name} is neither rendered nor a documented external Secret`);
        }
        for (const [f, ref] of refs) {
          const cm = configMaps.get(`${ns}/${ref.name}`);
          if (!cm) { if (!ref.optional) fail(where, `${f}.name: no ConfigMap ${ref.name} in namespace ${ns}`); continue; }
          for (const it of ref.items ?? []) if (!(it.key in (cm.data ?? {}))) fail(where, `${f}.items: ConfigMap ${ref.name} has no key ${it.key}`);
        }
        const claim = vol.persistentVolumeClaim?.claimName;
        if (claim && !claims.has(`${ns}/${claim}`) && !EXTERNAL_CLAIMS.has(claim)) fail(where, `${sp}.volumes(${v}): PersistentVolumeClaim ${claim} is neither rendered nor a documented external claim`);
        if (vol.secret && !secrets.has(vol.secret.secretName) && !EXTERNAL_SECRETS.has(vol.secret.secretName)) fail(where, `${sp}.volumes(${v}): Secret ${vol.secret.secretName} is neither rendered nor a documented external Secret`);
      }
      for (const [cp, c, init] of containersOf(spec)) {
        const cw = `${sp}.${cp}`;
        for (const r of ["requests", "limits"]) for (const q of ["cpu", "memory"]) {
          if (c.resources?.[r]?.[q] == null) fail(where, `${cw}.resources.${r}.${q}: required on every container`);
        }
        const req = c.resources?.requests?.cpu, lim = c.resources?.limits?.cpu;
        if (req != null && lim != null && cpuMillis(req) > cpuMillis(lim)) fail(where, `${cw}.resources: cpu request ${req} exceeds limit ${lim}`);
        if (!init && !isJob) {
          for (const p of ["readinessProbe", "livenessProbe"]) if (!c[p]) fail(where, `${cw}.${p}: required on long-running containers`);
          if (tc && !c.startupProbe) fail(where, `${cw}.startupProbe: required on TileCluster containers`);
          const portNames = new Set((c.ports ?? []).map((p) => p.name));
          for (const p of ["readinessProbe", "livenessProbe", "startupProbe"]) {
            const port = c[p]?.httpGet?.port ?? c[p]?.tcpSocket?.port;
            if (typeof port === "string" && !portNames.has(port)) fail(where, `${cw}.${p}: port '${port}' is not a named port of the container`);
          }
        }
        if (tc && c.securityContext?.allowPrivilegeEscalation !== false) fail(where, `${cw}.securityContext.allowPrivilegeEscalation: must be false`);
        if (!isPostgis && tc && c.securityContext?.runAsUser === 0) fail(where, `${cw}.securityContext.runAsUser: must not be 0`);
        for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) fail(where, `${cw}.volumeMounts(${m.name}): no such volume`);
        const defined = new Set();
        for (const e of c.env ?? []) {
          // $(VAR) only expands variables defined earlier in the same list.
          for (const m of String(e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
            if (!defined.has(m[1])) fail(where, `${cw}.env(${e.name}): refers to $(${m[1]}), which is not defined before it`);
          }
          defined.add(e.name);
          const sk = e.valueFrom?.secretKeyRef;
          if (sk && !secrets.has(sk.name) && !EXTERNAL_SECRETS.has(sk.name)) fail(where, `${cw}.env(${e.name}): Secret ${sk.name} is neither rendered nor a documented external Secret`);
          const ck = e.valueFrom?.configMapKeyRef;
          if (ck && !configMaps.get(`${ns}/${ck.name}`)?.data?.[ck.key] && !ck.optional) fail(where, `${cw}.env(${e.name}): ConfigMap ${ck.name} has no key ${ck.key}`);
        }
        const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
        if (tcImage(c, "silo|gateway")) {
          const cfg = env.TILECLUSTER_CONFIG;
          if (!cfg) fail(where, `${cw}.env: TILECLUSTER_CONFIG is not set`);
          else {
            const mount = (c.volumeMounts ?? []).find((m) => cfg.startsWith(m.mountPath.replace(/\/?$/, "/")));
            if (!mount) fail(where, `${cw}.env(TILECLUSTER_CONFIG): ${cfg} is not under any volumeMount`);
            else {
              // The file and the style it names must be in the mounted volume.
              const vol = volumes.get(mount.name);
              const items = [...(vol?.configMap?.items ?? []), ...(vol?.projected?.sources ?? []).flatMap((s) => s.configMap?.items ?? [])].map((i) => i.path);
              const inVol = (p) => items.includes(path.posix.relative(mount.mountPath, p));
              if (!inVol(cfg)) fail(where, `${cw}.env(TILECLUSTER_CONFIG): volume ${mount.name} has no item ${path.posix.relative(mount.mountPath, cfg)}`);
              const style = env.TILECLUSTER_Layers__osm__Provider__File;
              if (style && !inVol(path.posix.resolve(path.posix.dirname(cfg), style))) fail(where, `${cw}.env(TILECLUSTER_Layers__osm__Provider__File): ${style} (relative to ${cfg}) is not in volume ${mount.name}`);
            }
          }
          const store = env.TILECLUSTER_Store__Root;
          if (store && !(c.volumeMounts ?? []).some((m) => (store + "/").startsWith(m.mountPath.replace(/\/?$/, "/")) && !m.readOnly)) {
            fail(where, `${cw}.env(TILECLUSTER_Store__Root): ${store} is not on a writable volumeMount (the root filesystem is read-only)`);
          }
        }
        if (tcImage(c, "replication")) {
          // One replicator owns the replication state: never two at once, and the state survives the pod.
          if (o.kind !== "Deployment") fail(where, `${cw}: the replicator must be a Deployment (replicas: 1, strategy Recreate), not a ${o.kind}`);
          else {
            if (o.spec?.replicas !== 1) fail(where, `spec.replicas: ${o.spec?.replicas ?? "unset"}; a replicator owns the replication state, so exactly 1`);
            if (o.spec?.strategy?.type !== "Recreate") fail(where, `spec.strategy.type: ${o.spec?.strategy?.type ?? "unset (RollingUpdate)"}; must be Recreate so that old and new replicator never run together`);
          }
          if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/var/lib/tilecluster/replication" && !m.readOnly && volumes.get(m.name)?.persistentVolumeClaim)) {
            fail(where, `${cw}.volumeMounts: /var/lib/tilecluster/replication (the state) must be a writable persistentVolumeClaim`);
          }
          const g = spec.terminationGracePeriodSeconds;
          if (!(g >= 60)) fail(where, `${sp}.terminationGracePeriodSeconds: ${g ?? "unset (30)"}; must be at least 60 s so a running osm2pgsql can finish after SIGTERM`);
          for (const p of ["livenessProbe", "startupProbe"]) {
            if (c[p]?.httpGet || c[p]?.tcpSocket) fail(where, `${cw}.${p}: the replicator serves nothing; use an exec probe`);
          }
        }
        if (tcImage(c, "silo|gateway")) {
          for (const name of OBSOLETE_CLUSTER_ENV) if (name in env) fail(where, `${cw}.env(${name}): obsolete since the move to Orleans; remove it`);
          const redis = (c.env ?? []).find((e) => e.name === "TILECLUSTER_Cluster__Redis");
          if (!redis || !(redis.value || redis.valueFrom)) fail(where, `${cw}.env(TILECLUSTER_Cluster__Redis): must be set (the Orleans membership)`);
          orleansContainers.push({ where, cw, o, c, spec, ns, redis, labels: o.spec?.template?.metadata?.labels ?? {}, silo: tcImage(c, "silo") });
        }
        if (tcImage(c, "silo")) {
          if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/var/lib/tilecluster/tiles" && volumes.get(m.name)?.pvc)) {
            fail(where, `${cw}.volumeMounts: /var/lib/tilecluster/tiles must come from a volumeClaimTemplate`);
          }
        }
      }
    }
  }

  orleansRules(objs, orleansContainers);

  const podsMatch = (sel, ns) => templates.some((t) => t.ns === ns && Object.entries(sel ?? {}).every(([k, v]) => t.labels[k] === v));
  for (const o of objs) {
    const where = `${o.__source ?? "?"} ${id(o)}`;
    if (o.kind === "Service" && o.spec?.selector && !podsMatch(o.spec.selector, o.metadata.namespace)) fail(where, "spec.selector: matches no pod template");
    if (o.kind === "PodDisruptionBudget" && !podsMatch(o.spec?.selector?.matchLabels, o.metadata.namespace)) fail(where, "spec.selector: matches no pod template");
    if (o.kind === "HorizontalPodAutoscaler") {
      const ref = o.spec?.scaleTargetRef ?? {};
      if (!objs.some((t) => t.kind === ref.kind && t.metadata.name === ref.name && t.metadata.namespace === o.metadata.namespace)) {
        fail(where, `spec.scaleTargetRef: no ${ref.kind} ${ref.name}`);
      }
      const target = objs.find((t) => t.kind === ref.kind && t.metadata.name === ref.name);
      if (target?.spec?.replicas != null && (target.spec.replicas < o.spec.minReplicas || target.spec.replicas > o.spec.maxReplicas)) {
        fail(where, `${ref.kind} ${ref.name} has replicas ${target.spec.replicas}, outside the HPA's ${o.spec.minReplicas}..${o.spec.maxReplicas}`);
      }
    }
    if (o.kind === "Ingress") {
      for (const r of o.spec?.rules ?? []) for (const p of r.http?.paths ?? []) {
        const svc = objs.find((s) => s.kind === "Service" && s.metadata.name === p.backend?.service?.name && s.metadata.namespace === o.metadata.namespace);
        if (!svc) { fail(where, `backend service ${p.backend?.service?.name}: not rendered`); continue; }
        const port = p.backend.service.port;
        if (!(svc.spec.ports ?? []).some((sp) => sp.name === port?.name || sp.port === port?.number)) fail(where, `backend port ${JSON.stringify(port)}: not a port of Service ${svc.metadata.name}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Orleans rules: silos and gateways share one membership (Redis) and one ServiceId/ClusterId;
// silos carry what Orleans' Kubernetes hosting (UseKubernetesHosting) reads.
// ---------------------------------------------------------------------------------------------

// Settings of the HTTP/2 grain runtime that Orleans replaced.
const OBSOLETE_CLUSTER_ENV = ["TILECLUSTER_Cluster__AdvertisedUrl", "TILECLUSTER_Cluster__SiloId"];
const ORLEANS_LABELS = { ORLEANS_SERVICE_ID: "orleans/serviceId", ORLEANS_CLUSTER_ID: "orleans/clusterId" };
const POD_FIELDS = { POD_NAME: "metadata.name", POD_NAMESPACE: "metadata.namespace", POD_IP: "status.podIP" };
const ORLEANS_PORTS = { 11111: "silo-to-silo (Cluster:SiloPort)", 30000: "Orleans gateway (Cluster:GatewayPort)" };
// Pod verbs the hosting package uses: get/patch its own pod, list/watch the silo pods, delete
// the pod of a dead silo (docs/operations.md "RBAC").
const ORLEANS_POD_VERBS = ["get", "list", "watch", "patch", "delete"];

const envSource = (e) => JSON.stringify(e.valueFrom ?? e.value ?? null);
const fieldRefOf = (c, name) => (c.env ?? []).find((e) => e.name === name)?.valueFrom?.fieldRef?.fieldPath;
const labelRef = (label) => [`metadata.labels['${label}']`, `metadata.labels["${label}"]`];

function orleansRules(objs, containers) {
  const silos = containers.filter((x) => x.silo);
  for (const x of silos) {
    const { where, cw, c, spec, ns, labels } = x;
    for (const [name, field] of Object.entries(POD_FIELDS)) {
      if (fieldRefOf(c, name) !== field) fail(where, `${cw}.env(${name}): must come from the downward API (fieldRef ${field}); UseKubernetesHosting reads it`);
    }
    for (const [name, label] of Object.entries(ORLEANS_LABELS)) {
      if (!labels[label]) fail(where, `spec.template.metadata.labels.${label}: required by Orleans' Kubernetes hosting`);
      const e = (c.env ?? []).find((v) => v.name === name);
      const ok = labelRef(label).includes(e?.valueFrom?.fieldRef?.fieldPath) || (e?.value != null && e.value === labels[label]);
      if (!ok) fail(where, `${cw}.env(${name}): must equal the pod label ${label} (fieldRef metadata.labels['${label}'])`);
    }
    const ports = new Set((c.ports ?? []).map((p) => p.containerPort));
    for (const [port, what] of Object.entries(ORLEANS_PORTS)) {
      if (!ports.has(Number(port))) fail(where, `${cw}.ports: no containerPort ${port} (${what})`);
    }
    // The ServiceAccount, bound to a Role that allows what the hosting package does with pods.
    const sa = spec.serviceAccountName;
    if (!sa || sa === "default") { fail(where, `spec.template.spec.serviceAccountName: silos need their own ServiceAccount (bound to a Role on pods: ${ORLEANS_POD_VERBS.join(", ")})`); continue; }
    if (!objs.some((o) => o.kind === "ServiceAccount" && o.metadata.name === sa && o.metadata.namespace === ns)) fail(where, `spec.template.spec.serviceAccountName: no ServiceAccount ${sa} in namespace ${ns}`);
    if (spec.automountServiceAccountToken === false) fail(where, "spec.template.spec.automountServiceAccountToken: false; the Kubernetes hosting needs the token");
    const granted = new Set();
    for (const rb of objs.filter((o) => o.kind === "RoleBinding" && o.metadata.namespace === ns)) {
      if (!(rb.subjects ?? []).some((s) => s.kind === "ServiceAccount" && s.name === sa && (s.namespace ?? ns) === ns)) continue;
      const role = objs.find((o) => o.kind === rb.roleRef?.kind && o.metadata.name === rb.roleRef?.name && (o.kind === "ClusterRole" || o.metadata.namespace === ns));
      if (!role) { fail(`${rb.__source ?? "?"} ${id(rb)}`, `roleRef: no ${rb.roleRef?.kind} ${rb.roleRef?.name} rendered`); continue; }
      for (const r of role.rules ?? []) {
        if (!(r.apiGroups ?? []).some((g) => g === "" || g === "*")) continue;
        if (!(r.resources ?? []).some((res) => res === "pods" || res === "*")) continue;
        for (const v of r.verbs ?? []) granted.add(v);
      }
    }
    const missing = ORLEANS_POD_VERBS.filter((v) => !granted.has(v) && !granted.has("*"));
    if (missing.length) fail(where, `ServiceAccount ${sa}: no RoleBinding in ${ns} grants it pods: ${missing.join(", ")} (Orleans' Kubernetes hosting)`);
  }

  for (const x of containers) {
    const { where, cw, redis, labels, silo } = x;
    if (!silo) {
      // The hosting package takes every pod with these labels for a silo.
      for (const label of Object.values(ORLEANS_LABELS)) if (labels[label]) fail(where, `spec.template.metadata.labels.${label}: only silo pods may carry it`);
      const env = Object.fromEntries((x.c.env ?? []).map((e) => [e.name, e.value]));
      for (const s of silos.filter((s) => s.ns === x.ns)) {
        for (const [key, label] of [["ServiceId", "orleans/serviceId"], ["ClusterId", "orleans/clusterId"]]) {
          const v = env[`TILECLUSTER_Cluster__${key}`];
          if (v != null && s.labels[label] && v !== s.labels[label]) fail(where, `${cw}.env(TILECLUSTER_Cluster__${key}): ${v}, but the silos' ${label} is ${s.labels[label]}`);
        }
      }
    }
    if (!redis) continue;
    // Everyone in one cluster must read the same membership.
    for (const other of containers.filter((o) => o.ns === x.ns && o.redis && o !== x)) {
      if (envSource(other.redis) !== envSource(redis)) fail(where, `${cw}.env(TILECLUSTER_Cluster__Redis): differs from ${other.o.metadata.name}'s; silos and gateways must share one membership`);
    }
    // A literal connection string naming an in-namespace host must name a rendered Service port.
    const host = String(redis.value ?? "").split(",")[0].trim();
    const m = host.match(/^([a-z0-9-]+):(\d+)$/);
    if (m) {
      const svc = objs.find((o) => o.kind === "Service" && o.metadata.name === m[1] && o.metadata.namespace === x.ns);
      if (!svc) fail(where, `${cw}.env(TILECLUSTER_Cluster__Redis): ${host} names no rendered Service ${m[1]} (a managed Redis needs its full host name)`);
      else if (!(svc.spec?.ports ?? []).some((p) => p.port === Number(m[2]))) fail(where, `${cw}.env(TILECLUSTER_Cluster__Redis): Service ${m[1]} has no port ${m[2]}`);
    }
  }
}


// ---------------------------------------------------------------------------------------------
// Config copies
// ---------------------------------------------------------------------------------------------

const COPIES = [
  ["config/tilecluster.json", "deploy/k8s/base/config/tilecluster.json"],
  ["styles/osm.yaml", "deploy/k8s/base/config/styles/osm.yaml"],
];

function checkCopies(sync) {
  for (const [orig, copy] of COPIES) {
    const o = path.join(REPO, orig), c = path.join(REPO, copy);
    if (!existsSync(o)) {
      note(`config copy: SKIPPED ${copy}: ${orig} does not exist in this checkout yet; the copy is a placeholder and is compared as soon as ${orig} exists`);
      continue;
    }
    if (sync) copyFileSync(o, c);
    if (!existsSync(c)) { fail(copy, `missing; it must be a byte-identical copy of ${orig} (run with --sync-config)`); continue; }
    if (!readFileSync(o).equals(readFileSync(c))) {
      fail(copy, `differs from ${orig}; keep it byte-identical (in-cluster differences go in env overrides). Fix: node deploy/k8s/tools/validate.mjs --sync-config`);
    } else note(`config copy: ${copy} is identical to ${orig}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const out = outIdx >= 0 ? args[outIdx + 1] : null;
  if (outIdx >= 0 && !out) { note("usage: --out FILE"); return 2; }
  let dirs = args.filter((a, i) => !a.startsWith("--") && (outIdx < 0 || i !== outIdx + 1));
  if (!dirs.length) dirs = ["base", "overlays/example", "overlays/managed-redis", "overlays/s3-store", "import"].map((d) => path.join(K8S, d));
  checkCopies(args.includes("--sync-config"));
  const rendered = [];
  for (const d of dirs) {
    const dir = path.resolve(d);
    let objs;
    try { ({ objs } = render(dir)); } catch (e) {
      if (!(e instanceof RenderError)) throw e;
      fail(rel(dir), `render: ${e.message}`);
      continue;
    }
    objs = sortObjs(objs);
    const before = errors.length;
    const cross = crossCheck(dir, objs);
    for (const o of objs) await validateSchema(o);
    projectRules(objs);
    note(`${rel(dir)}: ${objs.length} objects; kustomize cross-check: ${cross}; ${errors.length - before ? (errors.length - before) + " problem(s)" : "valid"}`);
    rendered.push(`# ---- ${rel(dir)}\n` + objs.map((o) => YAML.stringify(JSON.parse(JSON.stringify(o)), { lineWidth: 0 })).join("---\n"));
  }
  const text = rendered.join("---\n");
  if (out) writeFileSync(out, text);
  if (args.includes("--print")) process.stdout.write(text);
  if (errors.length) {
    const unique = [...new Set(errors)]; // base problems recur in every overlay built on it
    note(`\n${unique.length} problem(s):`);
    for (const e of unique) note(`  ERROR ${e}`);
    return 1;
  }
  note("all manifests valid");
  return 0;
}

main().then((code) => process.exit(code), (e) => { console.error(`internal error: ${e.stack ?? e}`); process.exit(2); });
