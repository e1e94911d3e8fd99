import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  TEMPLATE_FORMAT_VERSION,
  commitTemplate,
  createOverlay,
  createStaging,
  discardTemplate,
  execa,
  inspectHeader,
  inspectImage,
  isTemporaryRecord,
  lockTemplate,
  makeOwnDirectory,
  markTemplateUsed,
  markUsed,
  readRecord,
  readTemplate,
  sha256Hex,
  shortKey,
  templateIdentity,
  templateKey,
  unpackTemplate,
  untrustedPath,
  withLock,
  writeRecord
} from "./chunk-CS44J3ZN.js";
import {
  ADMIN_COMMANDS,
  AGENT_PORT_NAME,
  ConnectionLostError,
  ConsoleTail,
  DIALECT_USERLAND,
  HostKeyMismatchError,
  QEMU_BINARY,
  QEMU_X86_64,
  QmpClient,
  SEED_DIALECTS,
  SSHD_KINDS,
  SSHD_STARTING,
  TAR_FLAVOURS,
  addHostForward,
  asRoot,
  bootFailureMessage,
  consoleLimitMessage,
  describeDialect,
  dropConsoleOutput,
  execCapture,
  fingerprint,
  generateEd25519,
  installsHostKeyLate,
  isBlankConsoleLine,
  isSparseMember,
  isVariableName,
  loginUserOf,
  memberPath,
  openSshForward,
  parseShell,
  probeBanner,
  publicKeyBlob,
  qemuArguments,
  quotedGuestLines,
  require_tar_stream,
  runStep,
  seedDevice,
  shellQuote,
  waitForSsh
} from "./chunk-OF3TEOM3.js";
import {
  CancelledError,
  InputError,
  NEUTRAL_WORDING,
  SolsticeError,
  __commonJS,
  __require,
  __toESM,
  childEnvironment,
  consoleLogPath,
  createJobDirectory,
  displayUrl,
  distrustForPrograms,
  formatBytes,
  formatMinutes,
  formatSeconds,
  guestTextInline,
  jobFiles,
  program,
  programPath,
  require_undici,
  saveKeptVm,
  sleep,
  throwIfCancelled
} from "./chunk-WYDCK4DS.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar;
    exports.isSeq = isSeq;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path) {
      const ctrl = callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path) {
      const ctrl = await callVisitor(key, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
      return void 0;
    }
    function replaceNode(key, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection2 = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key, ...rest] = path;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection2;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify3(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify3.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify3.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge2 = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge2.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge2.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge2.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge2;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge2 = require_merge();
    var stringify3 = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge2.isMergeKey(ctx, key))
        merge2.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify3.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify4 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify4(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify3.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify3.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge2.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge2.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge2.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge2.merge) ? schemaTags.concat(merge2.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge2.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge: merge2, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge2);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify3.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify3.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify3.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection2 = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection2.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection2.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection2.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection2.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep3, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap = fc.start.source === "{";
      const fcName = isMap ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep3, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap && !sep3 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines2(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value += "\n";
          else
            sep3 = "\n";
        } else {
          value += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines2(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep3 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify3 = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep3, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar.end) {
            sep3 = scalar.end;
            sep3.push(this.sourceToken);
            delete scalar.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse3(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify3(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse3;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument;
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// src/config/cache-root.ts
import { homedir } from "node:os";
import { join } from "node:path";
function defaultCacheRoot(env) {
  return env["RUNNER_TOOL_CACHE"] || env["XDG_CACHE_HOME"] || join(homedir(), ".cache");
}

// src/config/inputs.ts
import { isIPv4 } from "node:net";

// src/core/vocabulary.ts
var ARCHES = ["x86_64", "aarch64"];
var FIRMWARES = ["bios", "uefi"];
var ACCELS = ["kvm", "tcg"];
var ACCEL_REQUESTS = ["auto", ...ACCELS];
var DIGEST_HEX_LENGTH = { sha256: 64, sha512: 128 };

// src/config/input-kinds.ts
import { isAbsolute } from "node:path";
var BOOLEAN_CHOICES = ["true", "false"];
function checkValue(kind, text, whenEmpty) {
  if (text === "")
    return { value: kind.kind === "list" ? [] : kind.kind === "text" || kind.kind === "directory" ? "" : void 0 };
  const refuse = (accepted, ...refused) => ({
    refusals: (refused.length > 0 ? refused : [text]).map((item) => ({
      text: item,
      accepted: whenEmpty === void 0 ? accepted : `${accepted} (or leave it empty ${whenEmpty})`
    }))
  });
  switch (kind.kind) {
    case "boolean": {
      const lower = text.toLowerCase();
      if (lower === "true" || lower === "false") return { value: lower === "true" };
      return refuse(alternatives(BOOLEAN_CHOICES, kind.meanings));
    }
    case "choice": {
      const lower = text.toLowerCase();
      const choice2 = kind.choices.find((candidate) => candidate === lower) ?? kind.aliases?.[lower];
      if (choice2 !== void 0) return { value: choice2 };
      const aliases = Object.keys(kind.aliases ?? {});
      const alsoAccepted = aliases.length === 0 ? "" : ` (${aliases.join(" and ")} are accepted too)`;
      return refuse(`${alternatives(kind.choices, kind.meanings)}${alsoAccepted}`);
    }
    case "number": {
      const number = (kind.fractions ? /^\d+(\.\d+)?$/ : /^\d+$/).test(text) ? Number(text) : NaN;
      if (number >= kind.min && number <= kind.max) return { value: number };
      const counted = kind.unit === void 0 ? "" : ` of ${kind.unit}`;
      return refuse(`a ${kind.fractions ? "" : "whole "}number${counted} from ${kind.min} to ${kind.max}`);
    }
    case "size": {
      const bytes = parseSize(text);
      if (bytes !== void 0 && bytes >= parseSize(kind.min) && bytes <= parseSize(kind.max))
        return { value: bytes };
      return refuse(`a size such as ${kind.example}, from ${kind.min} to ${kind.max}`);
    }
    case "directory":
      return isAbsolute(text) ? { value: text } : refuse("an absolute directory path");
    case "digest": {
      const digest = parseChecksum(text);
      if (digest) return { value: digest };
      const { sha256, sha512 } = DIGEST_HEX_LENGTH;
      return refuse(`expected 'sha256:' followed by ${sha256} hex digits or 'sha512:' followed by ${sha512}`);
    }
    case "text":
      return !("accepts" in kind) || kind.accepts(text) ? { value: text } : refuse(kind.accepted);
    case "list": {
      const items = text.split(/[\s,]+/).filter((item) => item !== "");
      const refused = items.filter((item) => !kind.accepts(item));
      return refused.length === 0 ? { value: items } : refuse(kind.accepted, ...refused);
    }
  }
}
function alternatives(choices, meanings = {}) {
  const worded = choices.map((choice2) => meanings[choice2] ? `'${choice2}' (${meanings[choice2]})` : `'${choice2}'`);
  return worded.length === 2 ? worded.join(" or ") : `one of ${worded.join(", ")}`;
}
var SIZE_UNITS = { M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)\s*([MGT])(?:i?B)?$/i.exec(text.trim());
  if (!match) return void 0;
  const bytes = Number(match[1]) * SIZE_UNITS[match[2].toUpperCase()];
  return Number.isFinite(bytes) ? Math.round(bytes) : void 0;
}
function parseChecksum(text) {
  const match = /^(sha256|sha512):([0-9a-f]+)$/i.exec(text.trim());
  if (!match) return void 0;
  const algorithm = match[1].toLowerCase();
  const hex = match[2].toLowerCase();
  return hex.length === DIGEST_HEX_LENGTH[algorithm] ? { algorithm, hex } : void 0;
}

// src/config/job.ts
var SYNC_MODES = ["in", "both", "none"];
var DEFAULT_GUEST = { seed: "cloud-config", userland: DIALECT_USERLAND["cloud-config"] };
var TCG_BOOT_TIMEOUT_FACTOR = 4;
function effectiveBootTimeoutSeconds(config, accel) {
  return accel === "tcg" ? config.bootTimeoutSeconds * TCG_BOOT_TIMEOUT_FACTOR : config.bootTimeoutSeconds;
}

// src/config/inputs.ts
function choice(choices, more = {}) {
  return { kind: "choice", choices, value: choices.join("|"), ...more };
}
function boolean(meanings) {
  return { ...flag(meanings), value: BOOLEAN_CHOICES.join("|") };
}
function flag(meanings) {
  return meanings === void 0 ? { kind: "boolean" } : { kind: "boolean", meanings };
}
var GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
var TABLE = [
  {
    name: "image",
    default: "",
    kind: "text",
    value: "NAME",
    help: "a catalog image, e.g. debian-12, ubuntu-24.04, freebsd-14 (solstice catalog)"
  },
  {
    name: "arch",
    default: "x86_64",
    ...choice(ARCHES, { aliases: { amd64: "x86_64", arm64: "aarch64" } }),
    help: "guest architecture of a catalog image"
  },
  {
    name: "firmware",
    default: "auto",
    ...choice(["auto", ...FIRMWARES], { meanings: { auto: "the catalog's, else BIOS on x86_64 and UEFI on aarch64" } }),
    help: "auto: the catalog's, else BIOS on x86_64 and UEFI on aarch64"
  },
  {
    name: "catalog",
    default: "",
    kind: "text",
    value: "FILE",
    help: "more catalog entries (JSON, the format of catalog/images.json)"
  },
  {
    name: "image-url",
    default: "",
    kind: "text",
    value: "URL|PATH",
    help: "http(s) URL or absolute path of a qcow2 or raw image (.xz .zst .gz .bz2 too)"
  },
  {
    name: "image-checksum",
    default: "",
    kind: "digest",
    value: "ALGO:HEX",
    help: "sha256:\u2026 or sha512:\u2026 of the image (recommended)"
  },
  {
    name: "seed",
    default: "auto",
    ...choice(["auto", ...SEED_DIALECTS.filter((dialect) => dialect !== "none")], {
      meanings: { auto: "the catalog entry's, else cloud-config" }
    }),
    help: "the image's first-boot reader: auto (the catalog's, else cloud-config), tini-sh, illumos-cpio, ignition\u2026"
  },
  {
    name: "run",
    default: "",
    required: true,
    kind: "text",
    value: "SCRIPT",
    help: "the script, instead of a command after --"
  },
  { name: "cpus", default: "2", kind: "number", min: 1, max: 255, value: "N", help: "vCPUs, 1\u2013255" },
  {
    name: "memory",
    default: "2G",
    kind: "size",
    min: "256M",
    max: "1024G",
    example: "512M or 4G",
    value: "SIZE",
    help: "guest memory, 256M\u20131024G, such as 4G"
  },
  {
    name: "disk-size",
    default: "",
    kind: "size",
    min: "1G",
    max: "64T",
    example: "20G",
    whenEmpty: "to keep the image size",
    value: "SIZE",
    help: "grow the disk to this size, 1G\u201364T, such as 20G (empty: the image size)"
  },
  {
    name: "accel",
    default: "auto",
    ...choice(ACCEL_REQUESTS),
    help: "auto: KVM when it works, else TCG (slow) with a notice"
  },
  {
    name: "install",
    default: "false",
    ...flag({
      true: "install missing QEMU packages with sudo and make /dev/kvm usable, on any runner",
      false: "only on GitHub-hosted runners"
    }),
    actionOnly: true,
    help: "install missing QEMU packages with sudo apt-get and make /dev/kvm usable (always on GitHub-hosted runners)"
  },
  {
    name: "user",
    default: "runner",
    kind: "text",
    accepts: (user) => /^[a-z_][a-z0-9_-]{0,31}$/.test(user) && user !== "root",
    accepted: "a login name of lower-case letters, digits, _ and - (not starting with a digit or -, at most 32 characters, not root)",
    value: "NAME",
    help: "login created in the guest, with passwordless sudo"
  },
  {
    name: "boot-timeout",
    default: "120",
    kind: "number",
    min: 5,
    max: 86400,
    unit: "seconds",
    value: "SECONDS",
    help: "seconds until SSH answers, 5\u201386400; \xD74 under TCG"
  },
  {
    name: "boot-retries",
    default: "1",
    kind: "number",
    min: 0,
    max: 3,
    value: "N",
    help: "boot again, 0\u20133 times, after a crash, panic or hang"
  },
  {
    name: "cache-dir",
    default: "",
    kind: "directory",
    whenEmpty: "for the tool cache",
    value: "DIR",
    help: "image cache (empty: $XDG_CACHE_HOME/solstice or ~/.cache/solstice)"
  },
  {
    name: "cache",
    default: "auto",
    ...choice(["auto", "local", "actions", "none"], {
      meanings: {
        auto: "the Actions cache too on GitHub-hosted runners, and on self-hosted ones whose local cache is empty",
        local: "only cache-dir on this runner",
        actions: "cache-dir and the Actions cache",
        none: "nothing kept: images go to a directory of the job's own under RUNNER_TEMP, removed after the job"
      }
    }),
    actionOnly: true,
    help: "where images are kept between jobs: cache-dir, also the Actions cache, or nowhere"
  },
  {
    name: "sync",
    default: "in",
    ...choice(SYNC_MODES, {
      meanings: { in: "copy the workspace into the VM", both: "and copy changes back" }
    }),
    help: "copy the current directory in, also back, or not at all"
  },
  {
    name: "working-directory",
    default: "",
    kind: "text",
    value: "DIR",
    help: "where the command runs in the guest (empty: the same path as here)"
  },
  {
    name: "copy-back",
    default: "",
    kind: "text",
    value: "PATHS",
    help: "with --sync both: paths/globs to copy back (comma separated)"
  },
  {
    name: "env",
    default: "",
    kind: "list",
    accepts: isVariableName,
    accepted: "variable names (letters, digits and _, not starting with a digit), separated by commas or newlines",
    value: "NAMES",
    help: "variables passed from here into the guest (comma separated)"
  },
  {
    name: "shell",
    default: "",
    kind: "text",
    accepts: (shell) => parseShell(shell) !== void 0,
    accepted: "'bash', 'sh', or a command template containing {0} for the script path (e.g. 'python3 {0}')",
    value: "bash|sh|TEMPLATE",
    help: "how the script runs (empty: bash if present, else sh)"
  },
  {
    name: "network",
    default: "true",
    ...boolean({ true: "the guest may connect out", false: "no network but the action's SSH" }),
    help: "false: no connections out of the guest"
  },
  {
    name: "keep-running",
    default: "false",
    ...flag(),
    option: "keep",
    help: "leave the VM running afterwards (then: solstice ssh, solstice stop)"
  },
  {
    name: "name",
    default: "default",
    kind: "text",
    accepts: (name) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name),
    accepted: "letters, digits, ., _ and - (at most 40 characters)",
    value: "NAME",
    help: "name of the kept VM"
  },
  {
    name: "prepare",
    default: "",
    kind: "text",
    value: "SCRIPT",
    help: "run before the script (sudo works); with --warm-start once, in the saved template"
  },
  {
    name: "warm-start",
    default: "false",
    ...flag({ true: "restore a saved template", false: "boot every job" }),
    help: "restore a saved, booted guest (built once per image and prepare) instead of booting"
  },
  {
    name: "warm-start-scope",
    default: "repository",
    ...choice(["repository", "shared"], {
      meanings: {
        repository: "templates are restored only by jobs of the repository that built them",
        shared: "by every repository using this cache"
      }
    }),
    help: "who restores the templates: this repository's jobs (here: this machine's), or every job using the cache"
  },
  {
    name: "debug",
    default: "auto",
    ...choice(["false", "true", "on-failure", "auto"]),
    actionOnly: true,
    help: "hold the VM for SSH access (auto: on failure, on a re-run with debug logging)"
  },
  {
    name: "debug-users",
    default: "",
    kind: "list",
    accepts: (login) => GITHUB_LOGIN.test(login),
    accepted: "GitHub logins (letters, digits, single hyphens; comma or newline separated)",
    actionOnly: true,
    help: "GitHub logins allowed into a debug hold"
  },
  {
    name: "github-token",
    default: "${{ github.token }}",
    kind: "text",
    actionOnly: true,
    help: "token that reads the allowed users' SSH keys"
  },
  {
    name: "debug-bind",
    default: "0.0.0.0",
    kind: "text",
    accepts: isIPv4,
    accepted: "an IPv4 address to listen on, such as 0.0.0.0 or 127.0.0.1",
    actionOnly: true,
    help: "address the debug SSH forward listens on"
  },
  {
    name: "debug-port",
    default: "",
    kind: "number",
    min: 1,
    max: 65535,
    whenEmpty: "for a free one",
    actionOnly: true,
    help: "port of the debug SSH forward, 1\u201365535 (empty: a free one)"
  },
  {
    name: "debug-timeout-minutes",
    default: "15",
    kind: "number",
    min: 0.1,
    max: 360,
    fractions: true,
    unit: "minutes",
    actionOnly: true,
    help: "minutes a debug hold waits for somebody, 0.1\u2013360"
  }
];
var INPUTS = TABLE;
function readInputs(given) {
  const values = {};
  const refused = /* @__PURE__ */ new Set();
  const problems = [];
  for (const spec of INPUTS) {
    const checked = checkValue(spec, given(spec.name).trim() || spec.default, spec.whenEmpty);
    if ("value" in checked) {
      values[spec.name] = checked.value;
      continue;
    }
    for (const { text, accepted } of checked.refusals)
      problems.push({ input: spec.name, problem: `is '${text}'`, hint: accepted });
    refused.add(spec.name);
    values[spec.name] = checkValue(spec, spec.default).value;
  }
  return { values, refused, problems };
}
function inputSpec(name) {
  const spec = INPUTS.find((input) => input.name === name);
  if (!spec) throw new Error(`'${name}' is not an input of the action.`);
  return spec;
}
function cliOption(name) {
  const spec = inputSpec(name);
  return spec.actionOnly ? void 0 : spec.option ?? spec.name;
}

// src/config/parse.ts
import { isAbsolute as isAbsolute2, join as join2, posix, relative, resolve, sep } from "node:path";

// catalog/images.json
var images_default = {
  $comment: "Solstice image catalog: `image: <name>` picks an entry, `arch:` one of its images. Checked by src/catalog/catalog.ts; every URL and checksum source is verified by `npm run catalog:check` from a machine with internet access.",
  images: {
    "ubuntu-22.04": {
      title: "Ubuntu 22.04 LTS (Jammy Jellyfish)",
      user: "ubuntu",
      sudoGroup: "sudo",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The .img files are qcow2. release/ always holds the newest build of the release, so the digest moves with it.",
      arches: {
        x86_64: {
          url: "https://cloud-images.ubuntu.com/releases/jammy/release/ubuntu-22.04-server-cloudimg-amd64.img",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/jammy/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-22.04-server-cloudimg-amd64.img"
          }
        },
        aarch64: {
          url: "https://cloud-images.ubuntu.com/releases/jammy/release/ubuntu-22.04-server-cloudimg-arm64.img",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/jammy/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-22.04-server-cloudimg-arm64.img"
          }
        }
      }
    },
    "ubuntu-24.04": {
      title: "Ubuntu 24.04 LTS (Noble Numbat)",
      user: "ubuntu",
      sudoGroup: "sudo",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The .img files are qcow2. release/ always holds the newest build of the release, so the digest moves with it.",
      arches: {
        x86_64: {
          url: "https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-amd64.img",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/noble/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-24.04-server-cloudimg-amd64.img"
          }
        },
        aarch64: {
          url: "https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-arm64.img",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/noble/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-24.04-server-cloudimg-arm64.img"
          }
        }
      }
    },
    "ubuntu-26.04": {
      title: "Ubuntu 26.04 LTS (Resolute Raccoon)",
      user: "ubuntu",
      sudoGroup: "sudo",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The .img files are qcow2. release/ always holds the newest build of the release, so the digest moves with it.",
      arches: {
        x86_64: {
          url: "https://cloud-images.ubuntu.com/releases/resolute/release/ubuntu-26.04-server-cloudimg-amd64.img",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/resolute/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-26.04-server-cloudimg-amd64.img"
          }
        },
        aarch64: {
          url: "https://cloud-images.ubuntu.com/releases/resolute/release/ubuntu-26.04-server-cloudimg-arm64.img",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud-images.ubuntu.com/releases/resolute/release/SHA256SUMS",
            format: "gnu",
            algorithm: "sha256",
            file: "ubuntu-26.04-server-cloudimg-arm64.img"
          }
        }
      }
    },
    "debian-12": {
      title: "Debian 12 (bookworm)",
      user: "debian",
      sudoGroup: "sudo",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "genericcloud: the cloud kernel, with few hardware drivers. latest/ moves with each new build.",
      arches: {
        x86_64: {
          url: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS",
            format: "gnu",
            algorithm: "sha512",
            file: "debian-12-genericcloud-amd64.qcow2"
          }
        },
        aarch64: {
          url: "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-arm64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS",
            format: "gnu",
            algorithm: "sha512",
            file: "debian-12-genericcloud-arm64.qcow2"
          }
        }
      }
    },
    "debian-13": {
      title: "Debian 13 (trixie)",
      user: "debian",
      sudoGroup: "sudo",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "genericcloud: the cloud kernel, with few hardware drivers. latest/ moves with each new build.",
      arches: {
        x86_64: {
          url: "https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud.debian.org/images/cloud/trixie/latest/SHA512SUMS",
            format: "gnu",
            algorithm: "sha512",
            file: "debian-13-genericcloud-amd64.qcow2"
          }
        },
        aarch64: {
          url: "https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-arm64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud.debian.org/images/cloud/trixie/latest/SHA512SUMS",
            format: "gnu",
            algorithm: "sha512",
            file: "debian-13-genericcloud-arm64.qcow2"
          }
        }
      }
    },
    "fedora-42": {
      title: "Fedora 42 Cloud Base (Generic)",
      user: "fedora",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "End of life: served from the Fedora archive. An archived image no longer changes, so its digest is pinned here (from Fedora-Cloud-42-1.1-<arch>-CHECKSUM).",
      arches: {
        x86_64: {
          url: "https://archives.fedoraproject.org/pub/archive/fedora/linux/releases/42/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-42-1.1.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            pinned: "sha256:e401a4db2e5e04d1967b6729774faa96da629bcf3ba90b67d8d9cce9906bec0f"
          }
        },
        aarch64: {
          url: "https://archives.fedoraproject.org/pub/archive/fedora/linux/releases/42/Cloud/aarch64/images/Fedora-Cloud-Base-Generic-42-1.1.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            pinned: "sha256:e10658419a8d50231037dc781c3155aa94180a8c7a74e5cac2a6b09eaa9342b7"
          }
        }
      }
    },
    "fedora-43": {
      title: "Fedora 43 Cloud Base (Generic)",
      user: "fedora",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      arches: {
        x86_64: {
          url: "https://download.fedoraproject.org/pub/fedora/linux/releases/43/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://download.fedoraproject.org/pub/fedora/linux/releases/43/Cloud/x86_64/images/Fedora-Cloud-43-1.6-x86_64-CHECKSUM",
            format: "bsd",
            clearsigned: true,
            algorithm: "sha256",
            file: "Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://download.fedoraproject.org/pub/fedora/linux/releases/43/Cloud/aarch64/images/Fedora-Cloud-Base-Generic-43-1.6.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://download.fedoraproject.org/pub/fedora/linux/releases/43/Cloud/aarch64/images/Fedora-Cloud-43-1.6-aarch64-CHECKSUM",
            format: "bsd",
            clearsigned: true,
            algorithm: "sha256",
            file: "Fedora-Cloud-Base-Generic-43-1.6.aarch64.qcow2"
          }
        }
      }
    },
    "fedora-44": {
      title: "Fedora 44 Cloud Base (Generic)",
      user: "fedora",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      arches: {
        x86_64: {
          url: "https://download.fedoraproject.org/pub/fedora/linux/releases/44/Cloud/x86_64/images/Fedora-Cloud-Base-Generic-44-1.7.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://download.fedoraproject.org/pub/fedora/linux/releases/44/Cloud/x86_64/images/Fedora-Cloud-44-1.7-x86_64-CHECKSUM",
            format: "bsd",
            clearsigned: true,
            algorithm: "sha256",
            file: "Fedora-Cloud-Base-Generic-44-1.7.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://download.fedoraproject.org/pub/fedora/linux/releases/44/Cloud/aarch64/images/Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://download.fedoraproject.org/pub/fedora/linux/releases/44/Cloud/aarch64/images/Fedora-Cloud-44-1.7-aarch64-CHECKSUM",
            format: "bsd",
            clearsigned: true,
            algorithm: "sha256",
            file: "Fedora-Cloud-Base-Generic-44-1.7.aarch64.qcow2"
          }
        }
      }
    },
    "almalinux-9": {
      title: "AlmaLinux 9 (GenericCloud)",
      user: "almalinux",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      arches: {
        x86_64: {
          url: "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM",
            format: "gnu",
            algorithm: "sha256",
            file: "AlmaLinux-9-GenericCloud-latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://repo.almalinux.org/almalinux/9/cloud/aarch64/images/AlmaLinux-9-GenericCloud-latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://repo.almalinux.org/almalinux/9/cloud/aarch64/images/CHECKSUM",
            format: "gnu",
            algorithm: "sha256",
            file: "AlmaLinux-9-GenericCloud-latest.aarch64.qcow2"
          }
        }
      }
    },
    "almalinux-10": {
      title: "AlmaLinux 10 (GenericCloud)",
      user: "almalinux",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The x86_64 image needs an x86-64-v3 CPU (AVX2): under TCG or an older KVM CPU model it does not boot.",
      arches: {
        x86_64: {
          url: "https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/AlmaLinux-10-GenericCloud-latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://repo.almalinux.org/almalinux/10/cloud/x86_64/images/CHECKSUM",
            format: "gnu",
            algorithm: "sha256",
            file: "AlmaLinux-10-GenericCloud-latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://repo.almalinux.org/almalinux/10/cloud/aarch64/images/AlmaLinux-10-GenericCloud-latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://repo.almalinux.org/almalinux/10/cloud/aarch64/images/CHECKSUM",
            format: "gnu",
            algorithm: "sha256",
            file: "AlmaLinux-10-GenericCloud-latest.aarch64.qcow2"
          }
        }
      }
    },
    "rockylinux-9": {
      title: "Rocky Linux 9 (GenericCloud Base)",
      user: "rocky",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      arches: {
        x86_64: {
          url: "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "Rocky-9-GenericCloud-Base.latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://dl.rockylinux.org/pub/rocky/9/images/aarch64/Rocky-9-GenericCloud-Base.latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://dl.rockylinux.org/pub/rocky/9/images/aarch64/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "Rocky-9-GenericCloud-Base.latest.aarch64.qcow2"
          }
        }
      }
    },
    "rockylinux-10": {
      title: "Rocky Linux 10 (GenericCloud Base)",
      user: "rocky",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The x86_64 image needs an x86-64-v3 CPU (AVX2): under TCG or an older KVM CPU model it does not boot.",
      arches: {
        x86_64: {
          url: "https://dl.rockylinux.org/pub/rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://dl.rockylinux.org/pub/rocky/10/images/x86_64/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "Rocky-10-GenericCloud-Base.latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://dl.rockylinux.org/pub/rocky/10/images/aarch64/Rocky-10-GenericCloud-Base.latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://dl.rockylinux.org/pub/rocky/10/images/aarch64/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "Rocky-10-GenericCloud-Base.latest.aarch64.qcow2"
          }
        }
      }
    },
    "centos-stream-9": {
      title: "CentOS Stream 9 (GenericCloud)",
      user: "cloud-user",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The x86_64 image boots with BIOS only.",
      arches: {
        x86_64: {
          url: "https://cloud.centos.org/centos/9-stream/x86_64/images/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud.centos.org/centos/9-stream/x86_64/images/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://cloud.centos.org/centos/9-stream/aarch64/images/CentOS-Stream-GenericCloud-9-latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud.centos.org/centos/9-stream/aarch64/images/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "CentOS-Stream-GenericCloud-9-latest.aarch64.qcow2"
          }
        }
      }
    },
    "centos-stream-10": {
      title: "CentOS Stream 10 (GenericCloud)",
      user: "cloud-user",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "The x86_64 image boots with BIOS only. The x86_64 image needs an x86-64-v3 CPU (AVX2): under TCG or an older KVM CPU model it does not boot.",
      arches: {
        x86_64: {
          url: "https://cloud.centos.org/centos/10-stream/x86_64/images/CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://cloud.centos.org/centos/10-stream/x86_64/images/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2"
          }
        },
        aarch64: {
          url: "https://cloud.centos.org/centos/10-stream/aarch64/images/CentOS-Stream-GenericCloud-10-latest.aarch64.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://cloud.centos.org/centos/10-stream/aarch64/images/CHECKSUM",
            format: "bsd",
            algorithm: "sha256",
            file: "CentOS-Stream-GenericCloud-10-latest.aarch64.qcow2"
          }
        }
      }
    },
    "opensuse-leap-15.6": {
      title: "openSUSE Leap 15.6 (Minimal VM, Cloud)",
      user: "opensuse",
      sudoGroup: "wheel",
      shell: "/bin/bash",
      seed: "cloud-config",
      note: "End of life since 30 April 2026: download.opensuse.org may move it to its archive.",
      arches: {
        x86_64: {
          url: "https://download.opensuse.org/distribution/leap/15.6/appliances/openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://download.opensuse.org/distribution/leap/15.6/appliances/openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2.sha256",
            format: "gnu",
            algorithm: "sha256",
            file: "openSUSE-Leap-15.6-Minimal-VM.x86_64-Cloud.qcow2"
          }
        },
        aarch64: {
          url: "https://download.opensuse.org/distribution/leap/15.6/appliances/openSUSE-Leap-15.6-Minimal-VM.aarch64-Cloud.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://download.opensuse.org/distribution/leap/15.6/appliances/openSUSE-Leap-15.6-Minimal-VM.aarch64-Cloud.qcow2.sha256",
            format: "gnu",
            algorithm: "sha256",
            file: "openSUSE-Leap-15.6-Minimal-VM.aarch64-Cloud.qcow2"
          }
        }
      }
    },
    "freebsd-14.3": {
      title: "FreeBSD 14.3-RELEASE (BASIC-CLOUDINIT, UFS)",
      user: "freebsd",
      sudoGroup: "wheel",
      shell: "/bin/sh",
      seed: "cloud-config",
      note: "nuageinit is FreeBSD's own cloud-init (NoCloud cidata disk). sudo is a package, not part of the base system. End of life since 30 June 2026: served from the FreeBSD archive.",
      arches: {
        x86_64: {
          url: "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive/old-releases/VM-IMAGES/14.3-RELEASE/amd64/Latest/FreeBSD-14.3-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "bios",
          checksum: {
            url: "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive/old-releases/VM-IMAGES/14.3-RELEASE/amd64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-14.3-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        },
        aarch64: {
          url: "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive/old-releases/VM-IMAGES/14.3-RELEASE/aarch64/Latest/FreeBSD-14.3-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "uefi",
          checksum: {
            url: "https://ftp-archive.freebsd.org/pub/FreeBSD-Archive/old-releases/VM-IMAGES/14.3-RELEASE/aarch64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-14.3-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        }
      }
    },
    "freebsd-14.4": {
      title: "FreeBSD 14.4-RELEASE (BASIC-CLOUDINIT, UFS)",
      user: "freebsd",
      sudoGroup: "wheel",
      shell: "/bin/sh",
      seed: "cloud-config",
      note: "nuageinit is FreeBSD's own cloud-init (NoCloud cidata disk). sudo is a package, not part of the base system.",
      arches: {
        x86_64: {
          url: "https://download.freebsd.org/releases/VM-IMAGES/14.4-RELEASE/amd64/Latest/FreeBSD-14.4-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "bios",
          checksum: {
            url: "https://download.freebsd.org/releases/VM-IMAGES/14.4-RELEASE/amd64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-14.4-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        },
        aarch64: {
          url: "https://download.freebsd.org/releases/VM-IMAGES/14.4-RELEASE/aarch64/Latest/FreeBSD-14.4-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "uefi",
          checksum: {
            url: "https://download.freebsd.org/releases/VM-IMAGES/14.4-RELEASE/aarch64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-14.4-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        }
      }
    },
    "freebsd-15.1": {
      title: "FreeBSD 15.1-RELEASE (BASIC-CLOUDINIT, UFS)",
      user: "freebsd",
      sudoGroup: "wheel",
      shell: "/bin/sh",
      seed: "cloud-config",
      note: "nuageinit is FreeBSD's own cloud-init (NoCloud cidata disk). sudo is a package, not part of the base system.",
      arches: {
        x86_64: {
          url: "https://download.freebsd.org/releases/VM-IMAGES/15.1-RELEASE/amd64/Latest/FreeBSD-15.1-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "bios",
          checksum: {
            url: "https://download.freebsd.org/releases/VM-IMAGES/15.1-RELEASE/amd64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-15.1-RELEASE-amd64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        },
        aarch64: {
          url: "https://download.freebsd.org/releases/VM-IMAGES/15.1-RELEASE/aarch64/Latest/FreeBSD-15.1-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz",
          format: "qcow2",
          compression: "xz",
          digestOf: "compressed",
          firmware: "uefi",
          checksum: {
            url: "https://download.freebsd.org/releases/VM-IMAGES/15.1-RELEASE/aarch64/Latest/CHECKSUM.SHA512",
            format: "bsd",
            algorithm: "sha512",
            file: "FreeBSD-15.1-RELEASE-arm64-aarch64-BASIC-CLOUDINIT-ufs.qcow2.xz"
          }
        }
      }
    },
    "alpine-3.24": {
      title: "Alpine Linux 3.24 (NoCloud image, cloud-init variant)",
      user: "alpine",
      sudoGroup: "wheel",
      shell: "/bin/sh",
      seed: "cloud-config",
      userland: {
        admin: "doas",
        tar: "busybox",
        sshd: "openssh",
        sshdReload: "rc-service sshd reload"
      },
      note: "Alpine's official nocloud_\u2026-cloudinit image (the -tiny variant runs tiny-cloud, another dialect, and is not listed). Packages under their own free licences (Alpine base: MIT, GPL-2.0 busybox/kernel). The .sha512 beside each image is taken to hold a bare digest, and doas as the admin command: both unverified here, catalog:check confirms the first.",
      arches: {
        x86_64: {
          url: "https://dl-cdn.alpinelinux.org/alpine/v3.24/releases/cloud/nocloud_alpine-3.24.1-x86_64-bios-cloudinit-r0.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "bios",
          checksum: {
            url: "https://dl-cdn.alpinelinux.org/alpine/v3.24/releases/cloud/nocloud_alpine-3.24.1-x86_64-bios-cloudinit-r0.qcow2.sha512",
            format: "bare",
            algorithm: "sha512",
            file: "nocloud_alpine-3.24.1-x86_64-bios-cloudinit-r0.qcow2"
          }
        },
        aarch64: {
          url: "https://dl-cdn.alpinelinux.org/alpine/v3.24/releases/cloud/nocloud_alpine-3.24.1-aarch64-uefi-cloudinit-r0.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://dl-cdn.alpinelinux.org/alpine/v3.24/releases/cloud/nocloud_alpine-3.24.1-aarch64-uefi-cloudinit-r0.qcow2.sha512",
            format: "bare",
            algorithm: "sha512",
            file: "nocloud_alpine-3.24.1-aarch64-uefi-cloudinit-r0.qcow2"
          }
        }
      }
    },
    "omnios-r151058": {
      title: "OmniOS r151058 (stable of May 2026, cloud image)",
      user: "root",
      shell: "/usr/bin/bash",
      seed: "illumos-cpio",
      userland: {
        admin: "root",
        tar: "illumos",
        sshd: "openssh",
        sshdReload: "svcadm restart svc:/network/ssh:default"
      },
      note: "illumos metadata-agent on QEMU takes its generic provider: a raw cpio archive at LBA 0 of a disk with authorized_keys (for root) and firstboot.sh. CDDL (illumos) and other free licences. The .sha256 sidecar holds a bare digest. No sudo group: the login is root.",
      arches: {
        x86_64: {
          url: "https://downloads.omnios.org/media/r151058/omnios-r151058.cloud.qcow2",
          format: "qcow2",
          compression: "none",
          firmware: "uefi",
          checksum: {
            url: "https://downloads.omnios.org/media/r151058/omnios-r151058.cloud.qcow2.sha256",
            format: "bare",
            algorithm: "sha256",
            file: "omnios-r151058.cloud.qcow2"
          }
        }
      }
    }
  }
};

// src/catalog/catalog.ts
var CATALOG_FILE = "catalog/images.json";
var NAME = /^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-(r?\d+(?:\.\d+)*)$/;
var LOGIN = /^[a-z_][a-z0-9_-]{0,31}$/;
var SHELL = /^\/[A-Za-z0-9_./-]+$/;
var COMPRESSIONS = ["none", "xz", "zst", "gz", "bz2"];
var PINNED_DIGEST = new RegExp(
  `^(sha256:[0-9a-f]{${DIGEST_HEX_LENGTH.sha256}}|sha512:[0-9a-f]{${DIGEST_HEX_LENGTH.sha512}})$`
);
var CHECKSUM_FORMATS = ["gnu", "bsd", "bare"];
var SUGGESTIONS = 4;
var bundled;
function loadCatalog() {
  bundled ??= parseCatalog(images_default);
  return bundled;
}
function parseCatalog(data, source = CATALOG_FILE, options = {}) {
  const reader = new Reader(options.allowHttp);
  const root = reader.object(data, source, ["images", "$comment"]);
  const images = root ? reader.object(root["images"], "images") : void 0;
  const entries = Object.entries(images ?? {}).map(([name, value]) => readEntry(reader, name, value));
  if (reader.problems.length > 0) {
    throw new SolsticeError(`The image catalog ${source} is invalid:
- ${reader.problems.join("\n- ")}`);
  }
  return entries;
}
function readEntry(reader, name, value) {
  const match = NAME.exec(name);
  if (!match)
    reader.fail(name, name, "an entry name '<os>-<release>' such as 'debian-12' or 'freebsd-14.3' (lower case)");
  const fields = reader.object(value, name, [
    "title",
    "user",
    "sudoGroup",
    "shell",
    "seed",
    "cloudInit",
    "userland",
    "console",
    "note",
    "arches"
  ]) ?? {};
  const at = fieldsOf(fields, name);
  const arches = reader.object(fields["arches"], `${name}.arches`, ARCHES);
  if (arches && Object.keys(arches).length === 0)
    reader.problems.push(`${name}.arches has no image: give at least one of ${ARCHES.join(", ")}.`);
  const images = {};
  for (const arch of ARCHES) {
    if (arches && arch in arches) images[arch] = readImage(reader, `${name}.arches.${arch}`, arch, arches[arch]);
  }
  const note = fields["note"] === void 0 ? void 0 : reader.text(at("note"), /\S/, "a non-empty note");
  const seed = readSeed(reader, fields, at);
  return {
    name,
    os: match?.[1] ?? name,
    release: match?.[2] ?? "",
    title: reader.text(at("title"), /\S/, "a non-empty title"),
    user: reader.text(at("user"), LOGIN, "a login name of lower-case letters, digits, _ and -"),
    ...fields["sudoGroup"] === void 0 && (seed === "illumos-cpio" || seed === "console") ? {} : { sudoGroup: reader.oneOf(at("sudoGroup"), ["sudo", "wheel"]) },
    shell: reader.text(at("shell"), SHELL, "an absolute path such as /bin/bash"),
    seed,
    userland: readUserland(reader, `${name}.userland`, fields["userland"], seed),
    ...readConsoleLogin(reader, name, fields["console"], seed),
    ...note === void 0 ? {} : { note },
    images
  };
}
function readSeed(reader, fields, at) {
  if (fields["seed"] === void 0 && fields["cloudInit"] !== void 0) {
    const flavour = reader.oneOf(at("cloudInit"), ["cloud-init", "nuageinit", "none"], " (or give 'seed' instead)");
    return flavour === "none" ? "none" : "cloud-config";
  }
  if (fields["cloudInit"] !== void 0)
    reader.fail(at("cloudInit").path, fields["cloudInit"], "nothing beside 'seed'");
  return reader.oneOf(at("seed"), SEED_DIALECTS);
}
function readConsoleLogin(reader, name, value, seed) {
  const path = `${name}.console`;
  if (seed !== "console") {
    if (value !== void 0)
      reader.fail(path, value, "nothing: only an entry with seed 'console' logs in on its console");
    return {};
  }
  const fields = reader.object(value, path, ["user", "password"]) ?? {};
  const at = fieldsOf(fields, path);
  const password = fields["password"] ?? "";
  if (typeof password !== "string" || /[\0-\x1f\x7f]/.test(password))
    reader.fail(`${path}.password`, password, "a string of printable characters (empty for none)");
  return {
    console: {
      user: reader.text(at("user"), LOGIN, "a login name of lower-case letters, digits, _ and -"),
      password: typeof password === "string" ? password : ""
    }
  };
}
function readUserland(reader, path, value, seed) {
  const usual = DIALECT_USERLAND[seed];
  if (value === void 0) return usual;
  const fields = reader.object(value, path, ["admin", "tar", "sshd", "sshdReload"]) ?? {};
  const at = fieldsOf(fields, path);
  return {
    admin: fields["admin"] === void 0 ? usual.admin : reader.oneOf(at("admin"), ADMIN_COMMANDS),
    tar: fields["tar"] === void 0 ? usual.tar : reader.oneOf(at("tar"), TAR_FLAVOURS),
    sshd: fields["sshd"] === void 0 ? usual.sshd : reader.oneOf(at("sshd"), SSHD_KINDS),
    sshdReload: fields["sshdReload"] === void 0 ? usual.sshdReload : reader.text(
      at("sshdReload"),
      /^[^\n\0]+$/,
      "one line of shell that makes the SSH server take a new host key"
    )
  };
}
function readImage(reader, path, arch, value) {
  const fields = reader.object(value, path, [
    "url",
    "format",
    "compression",
    "archive",
    "digestOf",
    "firmware",
    "checksum",
    "maxSize"
  ]) ?? {};
  const at = fieldsOf(fields, path);
  const compression = reader.oneOf(at("compression"), COMPRESSIONS);
  const digestOf = compression === "none" && fields["digestOf"] === void 0 ? "uncompressed" : reader.oneOf(at("digestOf"), compression === "none" ? ["uncompressed"] : ["compressed", "uncompressed"]);
  const firmware = arch === "aarch64" ? reader.oneOf(at("firmware"), ["uefi"], " (aarch64 guests boot with UEFI only)") : reader.oneOf(at("firmware"), FIRMWARES);
  const maxSize = fields["maxSize"] === void 0 ? void 0 : reader.positiveInteger(at("maxSize"), "a whole number of bytes above 0, such as 4294967296 for 4 GiB");
  const archive = fields["archive"] === void 0 ? void 0 : readArchive(reader, `${path}.archive`, fields["archive"]);
  if (archive && compression === "none")
    reader.problems.push(
      `${path}.archive needs a compression: an archive is unpacked from the decompressed download (give 'gz' for a .tar.gz).`
    );
  return {
    url: reader.httpsUrl(at("url")),
    format: reader.oneOf(at("format"), ["qcow2", "raw"]),
    compression,
    ...archive === void 0 ? {} : { archive },
    digestOf,
    firmware,
    checksum: readChecksum(reader, `${path}.checksum`, fields["checksum"]),
    ...maxSize === void 0 ? {} : { maxSize }
  };
}
function readArchive(reader, path, value) {
  const at = fieldsOf(reader.object(value, path, ["format", "member"]) ?? {}, path);
  const format = reader.oneOf(at("format"), ["tar"]);
  const member2 = at("member");
  const normal = typeof member2.value === "string" ? memberPath(member2.value) : void 0;
  if (normal === void 0 || normal === "" || normal !== member2.value) {
    reader.fail(member2.path, member2.value, "the path of the image inside the archive, relative, such as 'disk.raw'");
  }
  return { format, member: normal ?? "" };
}
function readChecksum(reader, path, value) {
  const isPinned = typeof value === "object" && value !== null && "pinned" in value;
  if (isPinned) {
    const at2 = fieldsOf(reader.object(value, path, ["pinned"]) ?? {}, path);
    const text = reader.text(
      at2("pinned"),
      PINNED_DIGEST,
      `'sha256:' and ${DIGEST_HEX_LENGTH.sha256} or 'sha512:' and ${DIGEST_HEX_LENGTH.sha512} lower-case hex digits`
    );
    const [algorithm, hex] = text.split(":");
    return { kind: "pinned", digest: { algorithm, hex } };
  }
  const fields = reader.object(value, path, ["url", "format", "clearsigned", "algorithm", "file"]) ?? {};
  const at = fieldsOf(fields, path);
  const clearsigned = fields["clearsigned"] ?? false;
  if (typeof clearsigned !== "boolean") reader.fail(`${path}.clearsigned`, clearsigned, "true or false");
  return {
    kind: "published",
    url: reader.httpsUrl(at("url")),
    format: reader.oneOf(at("format"), CHECKSUM_FORMATS),
    clearsigned: clearsigned === true,
    algorithm: reader.oneOf(at("algorithm"), ["sha256", "sha512"]),
    fileName: reader.text(at("file"), /^[^/\s]+$/, "the file name the checksum file lists (no directory)")
  };
}
function fieldsOf(fields, path) {
  return (key) => ({ value: fields[key], path: `${path}.${key}` });
}
var Reader = class {
  constructor(allowHttp = false) {
    this.allowHttp = allowHttp;
  }
  allowHttp;
  problems = [];
  fail(path, value, expected) {
    const shown = typeof value === "string" ? `'${value}'` : value === void 0 ? "missing" : JSON.stringify(value);
    this.problems.push(`${path} is ${shown}: expected ${expected}.`);
  }
  /** An object; with `known`, one that has no other fields. Undefined when it is not an object. */
  object(value, path, known) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, value, "an object");
      return void 0;
    }
    const fields = value;
    for (const key of Object.keys(fields)) {
      if (known && !known.includes(key))
        this.problems.push(`${path}.${key} is not a known field (known: ${known.join(", ")}).`);
    }
    return fields;
  }
  text(field, pattern, expected) {
    if (typeof field.value === "string" && pattern.test(field.value)) return field.value;
    this.fail(field.path, field.value, expected);
    return "";
  }
  positiveInteger(field, expected) {
    if (Number.isSafeInteger(field.value) && field.value > 0) return field.value;
    this.fail(field.path, field.value, expected);
    return 0;
  }
  oneOf(field, allowed, why = "") {
    if (allowed.includes(field.value)) return field.value;
    this.fail(field.path, field.value, `${allowed.map((value) => `'${value}'`).join(" or ")}${why}`);
    return allowed[0];
  }
  /**
   * HTTPS only in the bundled catalog: a checksum fetched over plain HTTP could be swapped along with the
   * image. A project's own catalog file may name http:// mirrors on its own network.
   */
  httpsUrl(field) {
    const expected = this.allowHttp ? "an http(s):// URL of a file" : "an https:// URL of a file";
    const text = this.text(field, this.allowHttp ? /^https?:\/\/\S+\/[^/\s]+$/ : /^https:\/\/\S+\/[^/\s]+$/, expected);
    if (text !== "" && !URL.canParse(text)) this.fail(field.path, text, expected);
    return text;
  }
};
function resolveImage(name, arch, entries = loadCatalog()) {
  const wanted = name.trim().toLowerCase();
  const entry = entries.find((candidate) => candidate.name === wanted) ?? newestWithPrefix(wanted, entries);
  if (!entry) throw unknownImage(name.trim(), wanted, entries);
  const image = entry.images[arch];
  if (!image) {
    const available = ARCHES.filter((candidate) => entry.images[candidate]);
    throw new SolsticeError(
      `is '${arch}': the catalog has no ${arch} image of ${entry.name} (it has ${available.join(", ")}).`,
      {
        input: "arch",
        hint: (say) => `Use ${say.setting("arch", available[0])}, or give a ${arch} image by URL with ${say.setting("image-url")}.`
      }
    );
  }
  return { entry, arch, image };
}
function newestWithPrefix(wanted, entries) {
  return entries.filter((entry) => entry.name.startsWith(`${wanted}.`)).sort((a, b) => compareReleases(b.release, a.release))[0];
}
function compareReleases(a, b) {
  const numbers = (release) => release.replace(/^r/, "").split(".").map(Number);
  const [left, right] = [numbers(a), numbers(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
function unknownImage(shown, wanted, entries) {
  const fix = (say) => `Use '${say.setting("image", "list")}' to print the catalog, or give an image that is not in it by URL with ${say.setting("image-url")} (and ${say.setting("image-checksum")}).`;
  const sameOs = entries.filter((entry) => entry.os === wanted);
  if (sameOs.length > 0) {
    return new SolsticeError(`is '${shown}'`, {
      input: "image",
      hint: (say) => `name a release too, one of ${names(sameOs)}. ${fix(say)}`
    });
  }
  const wantedOs = NAME.exec(wanted)?.[1] ?? wanted;
  const sameFamily = (entry) => wantedOs !== "" && (entry.os.startsWith(wantedOs) || wantedOs.startsWith(entry.os));
  const ranked = entries.map((entry) => ({ entry, distance: editDistance(wanted, entry.name) })).filter(({ entry, distance }) => distance <= Math.max(2, Math.floor(wanted.length / 3)) || sameFamily(entry)).sort((a, b) => a.distance - b.distance || compareReleases(b.entry.release, a.entry.release)).slice(0, SUGGESTIONS).map(({ entry }) => entry);
  const hint = ranked.length > 0 ? `Close matches: ${names(ranked)}.` : `The catalog has ${[...new Set(entries.map((entry) => entry.os))].join(", ")}.`;
  return new SolsticeError(`is '${shown}': no such image in the catalog.`, {
    input: "image",
    hint: (say) => `${hint} ${fix(say)}`
  });
}
function names(entries) {
  return entries.map((entry) => entry.name).join(", ");
}
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

// src/config/parse.ts
function parseJobInputs(given, context) {
  const { values, refused, problems } = readInputs(given);
  const problem = (name, value, accepted) => problems.push({ input: name, problem: value === "" ? "is empty" : `is '${value}'`, hint: accepted });
  const { image, machine, guest, user } = parseImageInputs(values, context.catalog ?? loadCatalog(), problem, problems);
  const run = given("run");
  if (run.trim() === "") problem("run", "", "give the script to run inside the VM");
  const cacheDir = values["cache-dir"] || join2(context.defaultCacheRoot, "solstice");
  const rules = parseStepRules(values, context.workspace, problem);
  if (!refused.has("cache-dir") && rules.sync !== "none" && isInside(cacheDir, context.workspace)) {
    problem(
      "cache-dir",
      cacheDir,
      (say) => `a directory outside the workspace ${context.workspace}, which sync copies into the guest with the cache's images and warm-start templates; set ${say.setting("cache-dir")} elsewhere (or ${say.setting("sync", "none")})`
    );
  }
  const debug = parseDebugInputs(values, given, { env: context.env ?? {}, refused, problem });
  const repository = context.env?.["GITHUB_REPOSITORY"] ?? "";
  if (problems.length > 0) throw new InputError(inTableOrder(problems));
  return {
    image,
    machine,
    guest,
    run,
    cpus: values.cpus,
    memoryMiB: Math.floor(values.memory / 2 ** 20),
    ...values["disk-size"] === void 0 ? {} : { diskSizeBytes: values["disk-size"] },
    accel: values.accel,
    user,
    bootTimeoutSeconds: values["boot-timeout"],
    bootRetries: values["boot-retries"],
    network: values.network,
    cacheDir,
    debug,
    rules: { ...rules, userland: guest.userland },
    keepRunning: values["keep-running"],
    name: values.name,
    prepare: values.prepare,
    warmStart: values["warm-start"],
    templateScope: values["warm-start-scope"] === "shared" ? "shared" : repository === "" ? "local" : `repository ${repository}`
  };
}
function inTableOrder(problems) {
  const position = (problem) => INPUTS.findIndex((input) => input.name === problem.input);
  return [...problems].sort((a, b) => position(a) - position(b));
}
function parseImageInputs(values, catalog, problem, problems) {
  const { arch, image: name, "image-url": url } = values;
  if (arch === "aarch64" && values.firmware === "bios")
    problem("firmware", values.firmware, "aarch64 guests boot with UEFI only: use 'auto' or 'uefi'");
  let chosen;
  if (name !== "" && url !== "") {
    problem(
      "image",
      name,
      (say) => `give either ${say.setting("image")} (a catalog name) or ${say.setting("image-url")}, not both`
    );
  } else if (name !== "") {
    chosen = catalogImage(values, catalog, problem, problems);
  } else {
    chosen = urlImage(values, problem);
  }
  const firmware = values.firmware === "auto" ? chosen?.firmware ?? (arch === "aarch64" ? "uefi" : "bios") : values.firmware;
  const guest = chosen?.guest ?? DEFAULT_GUEST;
  const user = loginUserOf(guest.seed, chosen?.imageUser ?? values.user, values.user);
  if (user !== values.user && values.user !== inputSpec("user").default)
    problem(
      "user",
      values.user,
      (say) => `'${user}' or nothing: this image's first-boot reader (${guest.seed}) puts the job's key only into ${user === "root" ? "root" : `its own account ${user}`} (leave ${say.setting("user")} unset)`
    );
  const userland = user === "root" ? { ...guest.userland, admin: "root" } : guest.userland;
  if (values["warm-start"] && guest.seed !== "cloud-config" && guest.seed !== "console")
    problem(
      "warm-start",
      "true",
      `'false' for this image: warm start works with cloud-config and console images only so far (this one reads ${guest.seed})`
    );
  return { image: chosen?.image, machine: { arch, firmware }, guest: { ...guest, userland }, user };
}
function catalogImage({ image: name, arch, "image-checksum": checksum, seed: seedInput }, catalog, problem, problems) {
  if (checksum)
    problem(
      "image-checksum",
      `${checksum.algorithm}:${checksum.hex}`,
      (say) => `catalog images are checked against their publisher's checksum; ${say.setting("image-checksum")} goes with ${say.setting("image-url")}`
    );
  try {
    const { image, entry } = resolveImage(name, arch, catalog);
    if (entry.seed === "none") {
      problem(
        "image",
        name,
        `${entry.name} reads no seed at first boot (seed: none), so Solstice cannot put the job's key in; pick an image with a first-boot reader (docs/guests.md)`
      );
    }
    if (seedInput !== "auto" && seedInput !== entry.seed)
      problem(
        "seed",
        seedInput,
        `'auto' or '${entry.seed}': ${entry.name}'s first-boot reader reads ${entry.seed} (a project's own catalog file can describe another image)`
      );
    return {
      image: {
        label: entry.name === name ? entry.name : `${name} (${entry.name})`,
        source: image.url,
        compression: image.compression,
        ...image.archive ? { archive: image.archive } : {},
        ...image.maxSize !== void 0 ? { maxSize: image.maxSize } : {},
        ...image.checksum.kind === "pinned" ? { checksum: image.checksum.digest } : { publishedChecksum: image.checksum }
      },
      guest: {
        ...entry.sudoGroup ? { adminGroup: entry.sudoGroup } : {},
        shell: entry.shell,
        seed: entry.seed,
        userland: entry.userland,
        ...entry.console ? { console: entry.console } : {}
      },
      imageUser: entry.user,
      firmware: image.firmware
    };
  } catch (error) {
    if (!(error instanceof SolsticeError)) throw error;
    problems.push({
      problem: error.problem,
      ...error.input === void 0 ? {} : { input: error.input },
      ...error.hint === void 0 ? {} : { hint: error.hint }
    });
    return void 0;
  }
}
function urlImage({ image: name, "image-url": url, "image-checksum": checksum, seed: seedInput }, problem) {
  if (url === "") {
    problem(
      "image",
      name,
      (say) => `name a catalog image such as 'debian-12' ('list' prints the catalog), or give ${say.setting("image-url")}`
    );
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^https?:\/\/[^/]+/i.test(url)) {
    problem("image-url", url, "only http:// and https:// URLs (or an absolute file path) are supported");
  } else if (!/^https?:/i.test(url) && !isAbsolute2(url)) {
    problem("image-url", url, "a local image must be an absolute path (or give an http(s) URL)");
  } else if (isArchive(url)) {
    problem(
      "image-url",
      url,
      (say) => `this is an archive, and ${say.setting("image-url")} takes a disk image (qcow2 or raw, maybe .xz/.zst/.gz/.bz2-compressed). A catalog entry can name the image inside an archive: write one with "archive": { "format": "tar", "member": "disk.raw" } in your own catalog file and give it with ${say.setting("catalog")} (docs/guests.md shows one)`
    );
  } else {
    const image = { label: url, source: url, compression: compressionOf(url), ...checksum ? { checksum } : {} };
    const seed = seedInput === "auto" ? DEFAULT_GUEST.seed : seedInput;
    if (seed === "console") {
      problem(
        "seed",
        seedInput,
        `another dialect for image-url: 'console' needs the console login the image ships with, which only a catalog entry can give (a project's own catalog file: docs/guests.md)`
      );
      return void 0;
    }
    return { image, guest: { seed, userland: DIALECT_USERLAND[seed] } };
  }
  return void 0;
}
function isArchive(url) {
  return /\.(tar(\.(xz|zst|gz|bz2))?|tgz|txz|tbz2?)$/i.test(new URL(url, "file:///").pathname);
}
function compressionOf(url) {
  const suffix = /\.(xz|zst|gz|bz2)$/i.exec(new URL(url, "file:///").pathname)?.[1]?.toLowerCase();
  return suffix ?? "none";
}
function parseStepRules(values, workspace, problem) {
  const directory = values["working-directory"];
  const copyBack = values["copy-back"].split(/[\n,]/).map((pattern) => pattern.trim()).filter((pattern) => pattern !== "");
  for (const pattern of copyBack) {
    if (pattern.startsWith("/") || pattern.split("/").includes(".."))
      problem("copy-back", pattern, "paths or globs relative to the working directory, inside it");
  }
  return {
    shell: parseShell(values.shell) ?? { kind: "auto" },
    envNames: [...new Set(values.env)],
    sync: values.sync,
    workspace,
    workingDirectory: directory === "" ? workspace : posix.resolve(workspace, directory),
    copyBack
  };
}
function parseDebugInputs(values, given, { env, refused, problem }) {
  const modes = {
    false: "never",
    true: "always",
    "on-failure": "on-failure",
    // A debug re-run ("Re-run with debug logging") sets RUNNER_DEBUG=1: hold the failing VM then.
    auto: env["RUNNER_DEBUG"] === "1" ? "on-failure" : "never"
  };
  const actor = env["GITHUB_TRIGGERING_ACTOR"] || env["GITHUB_ACTOR"] || "";
  const logins = [...new Set([actor, ...values["debug-users"]].filter((login) => login !== ""))];
  const bind2 = values["debug-bind"];
  const inboundRefused = !values.network && !refused.has("debug-bind") && !bind2.startsWith("127.");
  if (inboundRefused && (values.debug === "true" || values.debug === "on-failure")) {
    problem(
      "debug-bind",
      bind2,
      (say) => `a loopback address (127.0.0.1) with ${say.setting("network", "false")}, as a debug forward on another address would open an isolated guest to the network`
    );
  }
  return {
    mode: inboundRefused ? "never" : modes[values.debug],
    logins,
    githubApiUrl: (env["GITHUB_API_URL"] || "https://api.github.com").replace(/\/+$/, ""),
    // Not its default: action.yml's `${{ github.token }}` is for the runner to expand.
    githubToken: given("github-token").trim(),
    bind: bind2,
    port: values["debug-port"] ?? 0,
    timeoutMinutes: values["debug-timeout-minutes"]
  };
}
function isInside(path, directory) {
  const below = relative(resolve(directory), resolve(path));
  return below === "" || below.split(sep)[0] !== ".." && !isAbsolute2(below);
}

// src/catalog/catalog-table.ts
import { posix as posix2 } from "node:path";
var FORMAT_LABEL = { gnu: "GNU lines", bsd: "BSD lines", bare: "bare digest" };
function describeVerification(image) {
  const { checksum } = image;
  const covers = image.compression === "none" ? "" : image.digestOf === "compressed" ? ` of the .${image.compression} download` : " of the decompressed image";
  if (checksum.kind === "pinned") return `pinned ${checksum.digest.algorithm} in the catalog${covers}`;
  const signed = checksum.clearsigned ? ", PGP signature not checked" : "";
  return `publisher ${posix2.basename(checksum.url)} (${FORMAT_LABEL[checksum.format]}${signed}), ${checksum.algorithm}${covers}`;
}
function formatCatalogTable(entries = loadCatalog(), imageSetting = "`image:`") {
  const rows = [["image", "arch", "disk", "boot", "seed", "image's user (admin group)", "verified against"]];
  for (const entry of entries) {
    for (const arch of ARCHES) {
      const image = entry.images[arch];
      if (!image) continue;
      const packed = image.archive ? `${image.archive.format}.${image.compression}` : image.compression;
      const disk = image.compression === "none" ? image.format : `${image.format}, ${packed}`;
      rows.push([
        entry.name,
        arch,
        disk,
        image.firmware,
        entry.seed,
        entry.sudoGroup ? `${entry.user} (${entry.sudoGroup})` : entry.user,
        describeVerification(image)
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map(
    (row) => row.map((cell, column) => column === row.length - 1 ? cell : cell.padEnd(widths[column])).join("  ")
  );
  return [
    `Images for ${imageSetting} (a release prefix such as freebsd-14 picks the newest release it matches):`,
    "",
    ...lines
  ].join("\n");
}

// src/catalog/catalog-file.ts
import { readFile } from "node:fs/promises";
async function catalogWithFile(path) {
  if (path.trim() === "") return loadCatalog();
  const text = await readFile(path, "utf8").catch((error) => {
    throw new SolsticeError(`is '${path}': cannot read it (${error.code ?? error.message}).`, {
      input: "catalog",
      hint: "Give the path of a JSON file in the format of catalog/images.json."
    });
  });
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SolsticeError(`is '${path}': it is not JSON (${error.message}).`, { input: "catalog" });
  }
  const own = parseCatalog(data, path, { allowHttp: true });
  const names2 = new Set(own.map((entry) => entry.name));
  return [...loadCatalog().filter((entry) => !names2.has(entry.name)), ...own];
}

// src/engine/step/prepare-script.ts
var PREPARE_DIRECTORY = "/tmp";
async function runPrepareScript(ssh, { config, where, reporter, signal }) {
  const startedAt = Date.now();
  reporter.startGroup(`Prepare (${where})`);
  try {
    const { result, lastLines } = await runStep(ssh, {
      script: config.prepare,
      rules: { ...config.rules, sync: "none", envNames: [], workingDirectory: PREPARE_DIRECTORY, copyBack: [] },
      runnerEnv: {},
      reporter,
      signal,
      moreStepsFollow: false,
      jobDirectory: ""
    });
    if (result.exitCode !== 0) throw new PrepareFailedError(result.exitCode, lastLines);
  } finally {
    reporter.endGroup();
    reporter.info(`prepare ran ${where} in ${((Date.now() - startedAt) / 1e3).toFixed(1)} s.`);
  }
}
var PrepareFailedError = class extends SolsticeError {
  constructor(exitCode, lastLines) {
    super(
      `prepare failed with exit code ${exitCode}, so run did not start (its output is in the "Prepare" group above)${lastLines.length > 0 ? `. Its last lines:
${quotedGuestLines(lastLines)}` : "."}`
    );
    this.exitCode = exitCode;
    this.lastLines = lastLines;
  }
  exitCode;
  lastLines;
  name = "PrepareFailedError";
};

// src/engine/pipeline.ts
import { rm as rm7 } from "node:fs/promises";

// src/debug/hold.ts
import { networkInterfaces } from "node:os";

// src/qemu/port.ts
import { createServer } from "node:net";
function freePort(host = "127.0.0.1") {
  return new Promise((resolve3, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(
        () => typeof address === "object" && address ? resolve3(address.port) : reject(new Error("no port"))
      );
    });
  });
}

// src/debug/announcement.ts
function sshCommand(access3, host = access3.hosts[0] ?? "<runner address>") {
  return `ssh -p ${access3.port} ${access3.user}@${host}`;
}
function announcementLines(access3) {
  return [
    "The VM is held for debugging. Connect with:",
    `    ${sshCommand(access3)}`,
    ...access3.hosts.length > 1 ? [`  (other addresses of this runner: ${access3.hosts.slice(1).join(", ")})`] : [],
    `Host key fingerprint (generated by this job; check it when ssh asks): ${access3.hostKeyFingerprint}`,
    `Or pin it in a known_hosts file: ${access3.knownHostsLine}`,
    `Allowed: the SSH keys of GitHub user(s) ${access3.logins.join(", ")}.`,
    `To let the job continue: touch ~/continue in the VM (${access3.continuePath}).`,
    `The hold ends by itself after ${formatMinutes(access3.timeoutMinutes)} with nobody connected (the countdown pauses while someone is), or when the job is cancelled.`
  ];
}
function announcementMarkdown(access3) {
  return [
    "### Debug access",
    "",
    "```sh",
    sshCommand(access3),
    "```",
    "",
    `- Host key: \`${access3.hostKeyFingerprint}\``,
    `- known_hosts line: \`${access3.knownHostsLine}\``,
    `- Allowed GitHub users: ${access3.logins.map((login) => `@${login}`).join(", ")}`,
    `- Continue the job: \`touch ~/continue\` in the VM; idle timeout ${formatMinutes(access3.timeoutMinutes)}`,
    ""
  ].join("\n");
}
function motd(access3) {
  return [
    "",
    "  Solstice: this VM is held for debugging; the CI job is waiting for you.",
    `  When you are done, let the job continue:  touch ~/continue   (${access3.continuePath})`,
    "  The VM and everything in it are destroyed afterwards.",
    `  Idle timeout: ${formatMinutes(access3.timeoutMinutes)} with nobody connected.`,
    "",
    ""
  ].join("\n");
}

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names2 = Object.keys(parameters);
  if (names2.length === 0) {
    return url;
  }
  return url + separator + names2.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch2 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch2) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch2(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request22 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request22, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request22, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request22, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request22;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request22, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request22.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request22(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request22, newDefaults) {
  const newRequest = request22.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep2 = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep2}${b64url}${sep2}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request3, route, parameters) {
  const endpoint2 = request3.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request3(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook2;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-request-log/dist-src/version.js
var VERSION5 = "6.0.0";

// node_modules/@octokit/plugin-request-log/dist-src/index.js
function requestLog(octokit) {
  octokit.hook.wrap("request", (request3, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path = requestOptions.url.replace(options.baseUrl, "");
    return request3(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = VERSION5;

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION6 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION6;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
var VERSION7 = "17.0.0";

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
var Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js
var endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint2] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint2;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
var handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js
function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = VERSION7;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = VERSION7;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION8 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION8}`
  }
);

// src/debug/github-keys.ts
var GitHubKeysError = class extends SolsticeError {
  name = "GitHubKeysError";
};
var REQUEST_TIMEOUT_MS = 15e3;
var PAGE_SIZE = 100;
var PUBLIC_KEY = /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}$/;
var quiet = { debug() {
}, info() {
}, warn() {
}, error() {
} };
async function fetchGitHubKeys(logins, apiUrl, token, signal) {
  const octokit = new Octokit2({
    auth: token || void 0,
    baseUrl: apiUrl,
    userAgent: "solstice-action",
    log: quiet,
    request: { fetch: fetchWithTimeout(signal) }
  });
  const keys = /* @__PURE__ */ new Map();
  for (const login of logins) keys.set(login, await keysOf(octokit, login, apiUrl));
  return keys;
}
async function keysOf(octokit, login, apiUrl) {
  const keys = [];
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.users.listPublicKeysForUser, {
      username: login,
      per_page: PAGE_SIZE
    })) {
      const entries = page.data;
      if (!Array.isArray(entries))
        throw new GitHubKeysError(`The GitHub API sent something other than a key list for ${login} (${apiUrl}).`);
      keys.push(
        ...entries.map(
          (entry) => typeof entry === "object" && entry !== null && typeof entry.key === "string" ? entry.key.trim() : ""
        ).filter((key) => PUBLIC_KEY.test(key))
      );
    }
  } catch (error) {
    if (error instanceof GitHubKeysError) throw error;
    throw new GitHubKeysError(
      describeFailure(error, `${login}'s SSH keys (${apiUrl}/users/${encodeURIComponent(login)}/keys)`)
    );
  }
  return keys;
}
function authorizedKeysLines(keys) {
  return [...keys].flatMap(([login, list]) => list.map((key) => `${key} github:${login}`));
}
function fetchWithTimeout(signal) {
  return (input, init) => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    return fetch(input, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  };
}
function describeFailure(error, what) {
  if (!(error instanceof RequestError) || !error.response) {
    const cause = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${REQUEST_TIMEOUT_MS / 1e3} s` : error.message;
    return `Could not ask the GitHub API for ${what}: ${cause}`;
  }
  const { status, message } = error;
  const headers = error.response.headers;
  let text = `The GitHub API answered ${status} for ${what}: ${message}`;
  if ((status === 403 || status === 429) && headers["x-ratelimit-remaining"] === "0" && headers["x-ratelimit-reset"]) {
    const resetsAt = new Date(Number(headers["x-ratelimit-reset"]) * 1e3);
    const minutes = Math.max(0, Math.ceil((resetsAt.getTime() - Date.now()) / 6e4));
    text += ` The rate limit (${headers["x-ratelimit-limit"] ?? "?"} requests an hour) resets at ${resetsAt.toISOString()} (in ${minutes} min).`;
    if (!error.request.headers.authorization) text += " Set the github-token input: a token raises the limit.";
  } else if ((status === 403 || status === 429) && headers["retry-after"]) {
    text += ` GitHub asks to retry after ${headers["retry-after"]} s (secondary rate limit).`;
  }
  return text;
}

// src/debug/usernet.ts
var SOCKET_LINE = /^\s*TCP\[([A-Z_0-9]+)\]\s+-?\d+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s/;
function parseSockets(usernet) {
  const sockets = [];
  for (const line of usernet.split("\n")) {
    const match = SOCKET_LINE.exec(line);
    if (!match) continue;
    const [, state, source, sourcePort, destination, destinationPort] = match;
    sockets.push({
      state,
      source,
      sourcePort: Number(sourcePort),
      destination,
      destinationPort: Number(destinationPort)
    });
  }
  return sockets;
}
function acceptedThrough(socket, forward) {
  return socket.sourcePort === forward.hostPort && (forward.hostAddress === "0.0.0.0" || socket.source === forward.hostAddress) && socket.destination === forward.guestAddress && socket.destinationPort === forward.guestPort;
}
function forwardedConnections(usernet, forward) {
  const sockets = parseSockets(usernet).filter((socket) => socket.state !== "HOST_FORWARD");
  const accepted = sockets.filter((socket) => socket.state === "ESTABLISHED" && acceptedThrough(socket, forward));
  const openedByGuest = sockets.filter(
    (socket) => socket.destinationPort === forward.hostPort && !acceptedThrough(socket, forward)
  );
  return Math.max(0, accepted.length - openedByGuest.length);
}

// src/debug/hold.ts
var POLL_INTERVAL_MS = 2e3;
var HOLD_LIMIT_FACTOR = 4;
var GUEST_ANSWER_TIMEOUT_MS = 3e4;
var GUEST_ADDRESS = "10.0.2.15";
var PLAIN_HOME = /^\/[A-Za-z0-9._/-]{1,200}$/;
function wantsHold(mode, exitCode) {
  return mode === "always" || mode === "on-failure" && exitCode !== 0;
}
async function holdForDebug(context) {
  const { session, config, reporter } = context;
  const keyLines = authorizedKeysLines(context.keys);
  if (keyLines.length === 0) {
    const message = `No public SSH key is registered on GitHub for ${config.logins.join(", ") || "anyone (no actor known)"}: no debug access was opened (fail closed). Add a key at https://github.com/settings/keys or name other users in debug-users.`;
    return { held: false, message, ...config.mode === "always" ? { failure: message } : {} };
  }
  const home = await prepareGuest(session, keyLines, context.signal);
  const forward = {
    hostAddress: config.bind,
    hostPort: config.port || await freePort(config.bind),
    guestAddress: GUEST_ADDRESS,
    guestPort: 22
  };
  const port = forward.hostPort;
  const complaint = await addHostForward(session.qmp, forward);
  if (complaint !== "") {
    throw new SolsticeError(
      `Could not open the debug SSH forward on ${config.bind}:${port}: ${complaint} (choose another debug-port, or leave it empty for a free one).`
    );
  }
  const hosts = config.bind === "0.0.0.0" ? runnerAddresses() : [config.bind];
  const access3 = {
    user: session.target.user,
    hosts,
    port,
    hostKeyFingerprint: fingerprint(session.target.hostPublicKey),
    knownHostsLine: `[${hosts[0]}]:${port} ${session.target.hostPublicKey.split(" ").slice(0, 2).join(" ")}`,
    logins: [...context.keys].filter(([, keys]) => keys.length > 0).map(([login]) => login),
    timeoutMinutes: config.timeoutMinutes,
    continuePath: `${home}/continue`
  };
  await installMotd(session, motd(access3), context.admin, context.signal);
  for (const line of announcementLines(access3)) reporter.info(line);
  reporter.notice(
    `Debug access: ${sshCommand(access3)} (host key ${access3.hostKeyFingerprint}); touch ~/continue to end the hold.`
  );
  const { end, lostBecause } = await waitForRelease(context, access3, forward);
  const closing = end !== "cancelled" && end !== "vm-lost";
  if (closing) await closeAccess(context, forward, keyLines);
  const messages = {
    continued: "The debug hold ended: ~/continue was created.",
    timeout: `The debug hold ended: nobody was connected for ${config.timeoutMinutes} min.`,
    "time-limit": `The debug hold ended: it reached its limit of ${HOLD_LIMIT_FACTOR * config.timeoutMinutes} min (${HOLD_LIMIT_FACTOR} \xD7 debug-timeout-minutes), connected or not.`,
    cancelled: "The debug hold ended: the job was cancelled.",
    "vm-lost": `The debug hold ended: ${lostBecause}.`
  };
  const closed = ` The debug SSH forward (${config.bind}:${port}) is closed and the debug users' keys are removed.`;
  return { held: true, end, message: closing ? `${messages[end]}${closed}` : messages[end], access: access3 };
}
async function prepareGuest(session, keyLines, signal) {
  const result = await execCapture(
    session.ssh,
    'umask 077 && mkdir -p ~/.ssh && cat >> ~/.ssh/authorized_keys && rm -f ~/continue && printf %s "$HOME"',
    {
      what: "install the debug users' keys",
      stdin: `${keyLines.join("\n")}
`,
      maxStdoutBytes: 4096,
      timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
      signal
    }
  );
  if (result.exitCode !== 0)
    throw new SolsticeError(`Could not install the debug users' keys in the guest (exit code ${result.exitCode}).`);
  const home = result.stdout.toString();
  return PLAIN_HOME.test(home) ? home : "~";
}
async function installMotd(session, text, admin, signal) {
  await execCapture(session.ssh, `${asRoot(admin)}tee /etc/motd >/dev/null || true`, {
    what: "write /etc/motd",
    stdin: text,
    maxStdoutBytes: 1024,
    timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
    signal
  }).catch((error) => {
    if (signal.aborted) throw error;
  });
}
async function closeAccess(context, forward, keyLines) {
  const listener = `tcp:${forward.hostAddress}:${forward.hostPort}`;
  const closed = await context.session.qmp.humanMonitorCommand(`hostfwd_remove net0 ${listener}`);
  if (!/ removed\s*$/.test(closed))
    throw new SolsticeError(`Could not close the debug SSH forward on ${listener}: ${closed.trim()}`);
  const result = await execCapture(context.session.ssh, REMOVE_KEYS_COMMAND, {
    what: "remove the debug users' keys",
    stdin: `${keyLines.join("\n")}
`,
    maxStdoutBytes: 1024,
    timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
    signal: context.signal
  });
  if (result.exitCode !== 0)
    throw new SolsticeError(
      `Could not remove the debug users' keys from the guest (exit code ${result.exitCode}): ${guestTextInline(result.stderr.trim())}`
    );
}
var REMOVE_KEYS_COMMAND = [
  "umask 077",
  "cd ~/.ssh",
  "cat >solstice-debug-keys",
  "{ grep -vxF -f solstice-debug-keys authorized_keys >authorized_keys.solstice; test $? -le 1; }",
  "mv -f authorized_keys.solstice authorized_keys",
  "rm -f solstice-debug-keys"
].join(" && ");
var continueCommand = (admin) => `if test -e ~/continue || ${asRoot(admin)}test -e /root/continue 2>/dev/null; then echo continue; fi`;
async function waitForRelease(context, access3, forward) {
  const idleLimitMs = context.config.timeoutMinutes * 6e4;
  const holdEndsAt = Date.now() + HOLD_LIMIT_FACTOR * idleLimitMs;
  let idleMs = 0;
  let lastPeople = 0;
  let lastPollAt = Date.now();
  let vmGone = false;
  void context.vmLost.then(() => vmGone = true);
  for (; ; ) {
    if (context.signal.aborted) return { end: "cancelled" };
    if (vmGone) return { end: "vm-lost", lostBecause: await context.describeLoss() };
    let people;
    try {
      const answer = await execCapture(context.session.ssh, continueCommand(context.admin), {
        what: "check for ~/continue",
        maxStdoutBytes: 1024,
        timeoutMs: GUEST_ANSWER_TIMEOUT_MS,
        signal: context.signal
      });
      if (/^continue$/m.test(answer.stdout.toString())) return { end: "continued" };
      people = forwardedConnections(await context.session.qmp.humanMonitorCommand("info usernet"), forward);
    } catch (error) {
      return context.signal.aborted ? { end: "cancelled" } : { end: "vm-lost", lostBecause: await context.describeLoss(error) };
    }
    if (people !== lastPeople) {
      context.reporter.info(
        people > 0 ? `Debug session(s) connected: ${people}; the idle countdown is paused.` : `Nobody is connected; the hold ends after ${access3.timeoutMinutes} min idle.`
      );
      lastPeople = people;
    }
    const now = Date.now();
    if (people === 0) idleMs += now - lastPollAt;
    lastPollAt = now;
    if (idleMs >= idleLimitMs) return { end: "timeout" };
    if (now >= holdEndsAt) return { end: "time-limit" };
    await sleep(POLL_INTERVAL_MS, context.signal);
  }
}
function runnerAddresses() {
  const addresses = Object.values(networkInterfaces()).flat().filter((address) => address !== void 0 && address.family === "IPv4" && !address.internal).map((address) => address.address);
  return addresses.length > 0 ? addresses : ["127.0.0.1"];
}

// src/engine/job-progress.ts
var FAILURE_CONSOLE_LINES = 25;
var JobProgress = class {
  constructor(listeners, clock) {
    this.listeners = listeners;
    this.clock = clock;
  }
  listeners;
  clock;
  /** The stage the job is in, in words. */
  phase = "preparing the job";
  console;
  consoleFollowed(path, tail) {
    this.console = { path, tail };
    this.facts({ consoleLogPath: path });
  }
  facts(known) {
    this.listeners.onFacts?.(known);
  }
  started({ guest, how, templateKey: templateKey2 }) {
    this.facts({
      sshPort: guest.vm.spec.sshPort,
      bootSeconds: guest.bootSeconds,
      start: how,
      ...how === "warm" && templateKey2 ? { templateKey: templateKey2 } : {}
    });
  }
  /** The job failed: what it had reached (nothing is told before its console log exists). */
  failed() {
    if (!this.console) return;
    this.listeners.onFailure?.({
      phase: this.phase,
      phases: { ...this.clock.phases },
      consoleLogPath: this.console.path,
      consoleTail: this.console.tail.tail(FAILURE_CONSOLE_LINES)
    });
  }
};

// src/engine/phase-clock.ts
var PhaseClock = class _PhaseClock {
  constructor(phases = {}, prefix = "") {
    this.phases = phases;
    this.prefix = prefix;
  }
  phases;
  prefix;
  async time(phase, work) {
    const startedAt = Date.now();
    try {
      return await work;
    } finally {
      this.record(phase, Date.now() - startedAt);
    }
  }
  record(phase, ms) {
    this.phases[`${this.prefix}${phase}`] = ms;
  }
  /** The same record, each phase named `<prefix><phase>`: a template build's phases beside its job's. */
  prefixed(prefix) {
    return new _PhaseClock(this.phases, `${this.prefix}${prefix}`);
  }
};

// src/image/prepare.ts
import { resolve as resolve2 } from "node:path";

// src/image/cache-store.ts
import { lstat, readdir, rm } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";

// src/image/file-stamp.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
function stampOf(st) {
  return { size: Number(st.size), ino: String(st.ino), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}
async function stampFile(path) {
  return stampOf(await stat(path, { bigint: true }));
}
function sameStamp(a, b) {
  return a !== void 0 && a.size === b.size && a.ino === b.ino && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
function isStamp(value) {
  const s = value;
  return typeof s === "object" && s !== null && typeof s.size === "number" && typeof s.ino === "string" && typeof s.mtimeNs === "string" && typeof s.ctimeNs === "string";
}
async function hashFile(path, algorithms, signal) {
  const hashes = algorithms.map((algorithm) => createHash(algorithm));
  try {
    const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024, ...signal ? { signal } : {} });
    for await (const chunk of stream) {
      for (const hash of hashes) hash.update(chunk);
    }
  } catch (error) {
    if (signal?.aborted) throw new CancelledError();
    throw new SolsticeError(`Cannot read the image ${path}: ${error.message}`, { cause: error });
  }
  return Object.fromEntries(algorithms.map((algorithm, index) => [algorithm, hashes[index].digest("hex")]));
}

// src/image/cache-store.ts
function isUrlRecord(value) {
  const r = value;
  return typeof r === "object" && r !== null && typeof r.url === "string" && typeof r.size === "number" && typeof r.virtualSize === "number" && (r.format === "qcow2" || r.format === "raw") && typeof r.fetchedAt === "string" && isDigest(r.digest) && (r.digestOf === void 0 || r.digestOf === "compressed" || r.digestOf === "uncompressed") && (r.stamp === void 0 || isStamp(r.stamp));
}
function isLocalRecord(value) {
  const r = value;
  return typeof r === "object" && r !== null && typeof r.path === "string" && isStamp(r.stamp) && isDigest(r.digest) && r.digest.algorithm === "sha256";
}
function isDigest(value) {
  const d = value;
  return typeof d === "object" && d !== null && typeof d.algorithm === "string" && Object.hasOwn(DIGEST_HEX_LENGTH, d.algorithm) && typeof d.hex === "string" && new RegExp(`^[0-9a-f]{${DIGEST_HEX_LENGTH[d.algorithm]}}$`).test(d.hex);
}
function isErrno(error, code) {
  return error?.code === code;
}
function urlEntryDirectory(cacheDir, url) {
  return join3(cacheDir, "images", sha256Hex(url).slice(0, 16));
}
function localRecordPath(cacheDir, path) {
  return join3(cacheDir, "local", `${sha256Hex(path).slice(0, 16)}.json`);
}
async function writeLocalRecord(recordPath, record) {
  await makeOwnDirectory(dirname(recordPath));
  await writeRecord(recordPath, record);
}
function usedMarkerPath(imagePath) {
  return imagePath.replace(/\.img$/, ".used");
}
async function checkCacheDirectories(cacheDir, dir) {
  for (const path of [join3(cacheDir, "images"), dir]) {
    const st = await lstat(path).catch((error) => {
      if (isErrno(error, "ENOENT")) return void 0;
      throw new SolsticeError(`Cannot access the image cache directory ${path}: ${error.message}`);
    });
    if (st === void 0) return;
    const untrusted = untrustedPath(path, st);
    if (untrusted !== void 0) {
      throw new SolsticeError(
        `The image cache directory ${untrusted}: other users could put images of their choice in it.`,
        {
          hint: (say) => `Point ${say.setting("cache-dir")} at a directory of your own, or make this one yours and writable only by you (chown -R ${process.getuid()} ${path} && chmod -R go-w ${path}).`
        }
      );
    }
  }
}
async function makeEntryDirectory(cacheDir, dir) {
  try {
    await makeOwnDirectory(dir);
  } catch (error) {
    throw new SolsticeError(`Cannot create the image cache directory ${dir}: ${error.message}`);
  }
  await checkCacheDirectories(cacheDir, dir);
}
async function readLocalRecord(recordPath, reporter) {
  const st = await lstat(recordPath, { bigint: true }).catch(() => void 0);
  if (st === void 0) return void 0;
  const untrusted = untrustedPath(recordPath, st);
  if (untrusted === void 0) return readRecord(recordPath, isLocalRecord);
  reporter.warning(`Ignored a checksum record another user could have written: ${untrusted}.`);
  return void 0;
}
async function validEntry(dir, base, url) {
  const recordPath = join3(dir, `${base}.json`);
  const path = join3(dir, `${base}.img`);
  const [recordStat, imageStat] = await Promise.all(
    [recordPath, path].map((file2) => lstat(file2, { bigint: true }).catch(() => void 0))
  );
  if (!recordStat || !imageStat) return void 0;
  const record = await readRecord(recordPath, isUrlRecord);
  if (record === void 0 || record.url !== url || `${record.digest.algorithm}-${record.digest.hex}` !== base) {
    return void 0;
  }
  const untrusted = untrustedPath(recordPath, recordStat) ?? untrustedPath(path, imageStat);
  if (untrusted === void 0 && (!imageStat.isFile() || imageStat.size !== BigInt(record.size))) return void 0;
  return {
    path,
    recordPath,
    record,
    changed: !sameStamp(record.stamp, stampOf(imageStat)),
    ...untrusted ? { untrusted } : {}
  };
}
async function lookup(dir, url, checksum) {
  if (checksum) return validEntry(dir, `${checksum.algorithm}-${checksum.hex}`, url);
  let names2;
  try {
    names2 = await readdir(dir);
  } catch {
    return void 0;
  }
  const entries = [];
  for (const name of names2) {
    if (name.startsWith(".") || !name.endsWith(".json")) continue;
    const entry = await validEntry(dir, name.slice(0, -".json".length), url);
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => (Date.parse(b.record.fetchedAt) || 0) - (Date.parse(a.record.fetchedAt) || 0));
  return entries[0];
}
async function removeLeftovers(dir) {
  let names2;
  try {
    names2 = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names2.filter((name) => name.startsWith(".partial-") || isTemporaryRecord(name)).map((name) => rm(join3(dir, name), { force: true }).catch(() => {
    }))
  );
}

// src/image/local-image.ts
import { stat as stat2 } from "node:fs/promises";
import { isAbsolute as isAbsolute3 } from "node:path";
var HINT = "Give an existing absolute path or an http(s) URL.";
async function prepareLocalFile(job) {
  const {
    request: { source: path },
    checksum,
    signal
  } = job;
  const st = await statImage(path);
  const info = await inspectImage(path, path, signal);
  const record = await digestsOf(path, st, job);
  if (checksum) {
    const actual = checksum.algorithm === "sha512" ? record.sha512 : record.digest.hex;
    if (actual !== checksum.hex) {
      throw new SolsticeError(
        `Checksum mismatch for the image ${path}: expected ${checksum.algorithm}:${checksum.hex}, got ${checksum.algorithm}:${actual}. Give the right checksum or the right file.`
      );
    }
  }
  return {
    path,
    format: info.format,
    virtualSize: info.virtualSize,
    digest: checksum ?? record.digest,
    verified: checksum !== void 0,
    fetchedBytes: 0,
    cacheHit: false
  };
}
async function statImage(path) {
  if (!isAbsolute3(path)) throw new SolsticeError(`The image "${path}" is not an absolute path. ${HINT}`);
  let st;
  try {
    st = await stat2(path, { bigint: true });
  } catch (error) {
    const code = error?.code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new SolsticeError(`The image ${path} does not exist. ${HINT}`);
    }
    throw new SolsticeError(`Cannot access the image ${path}: ${error.message}. ${HINT}`);
  }
  if (!st.isFile()) {
    throw new SolsticeError(`The image ${path} is not a regular file. ${HINT}`);
  }
  return st;
}
async function digestsOf(path, st, job) {
  const { checksum, cacheDir, reporter, signal } = job;
  const recordPath = localRecordPath(cacheDir, path);
  const stored = await readLocalRecord(recordPath, reporter);
  const stamp = stampOf(st);
  const known = stored?.path === path && sameStamp(stored.stamp, stamp) ? stored : void 0;
  const wantSha512 = checksum?.algorithm === "sha512";
  if (known && (!wantSha512 || known.sha512 !== void 0)) return known;
  reporter.info(`Computing the checksum of ${path} (${formatBytes(stamp.size)})`);
  const hashes = await hashFile(path, wantSha512 ? ["sha256", "sha512"] : ["sha256"], signal);
  const record = {
    path,
    stamp,
    digest: { algorithm: "sha256", hex: hashes.sha256 },
    ...hashes.sha512 !== void 0 ? { sha512: hashes.sha512 } : {}
  };
  const after = await stampFile(path).catch(() => void 0);
  if (after && sameStamp(stamp, after)) {
    try {
      await writeLocalRecord(recordPath, record);
    } catch (error) {
      reporter.debug(`Could not record the checksum of ${path} in ${recordPath}: ${error.message}`);
    }
  }
  return record;
}

// src/image/url-image.ts
import { randomBytes } from "node:crypto";
import { chmod, lstat as lstat2, rename, rm as rm3 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/image/download.ts
import { setTimeout as sleep2 } from "node:timers/promises";

// src/image/download-attempt.ts
import { open, rm as rm2 } from "node:fs/promises";

// src/image/download-context.ts
var DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 2 ** 30;
function formatRate(bytes, ms) {
  return `${(bytes / 1e6 / Math.max(ms / 1e3, 1e-3)).toFixed(1)} MB/s`;
}

// src/image/download-failure.ts
import { dirname as dirname2 } from "node:path";
var NO_ROOM_HINT = (say) => `Free space there, or point ${say.setting("cache-dir")} at a disk with room`;
var TransientDownloadError = class extends SolsticeError {
  name = "TransientDownloadError";
};
function describeCause(error) {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "AbortError") return "aborted";
  const parts = [];
  let cause = error;
  for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
    const code = cause.code;
    parts.push(code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message);
    cause = cause.cause;
  }
  return parts.join(": ");
}
function isNoRoom(error) {
  const code = error?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}
function noRoomError(dir, detail, cause) {
  return new SolsticeError(`The image cache directory ${dir} is full: ${detail}.`, { hint: NO_ROOM_HINT, cause });
}
function tooLargeError(shown, size, maxBytes) {
  return new SolsticeError(
    `Downloading the image ${shown} failed: ${size}, more than the limit of ${maxBytes} bytes (${formatBytes(maxBytes)}). The download was discarded. If the image really is that large, give its catalog entry a larger maxSize (bytes).`
  );
}
function downloadFailure(error, context) {
  const { shown, destination, bytes, expected, writeError } = context;
  if (context.cancelled) return new CancelledError(`The download of ${shown} was cancelled.`);
  if (context.stalled) {
    return new SolsticeError(
      `Downloading the image ${shown} stalled: no data arrived for ${formatSeconds(context.stallTimeoutMs)} (after ${formatBytes(bytes)}${expected !== void 0 ? ` of ${formatBytes(expected)}` : ""}). The download was aborted; check the server and the network, then try again.`
    );
  }
  if (writeError && isNoRoom(writeError)) {
    const of = expected !== void 0 ? ` of ${formatBytes(expected)}` : "";
    const detail = `writing the image ${shown} failed with ${formatBytes(bytes)}${of} received (${writeError.message})`;
    return noRoomError(dirname2(destination), detail, writeError);
  }
  if (writeError instanceof SolsticeError) return writeError;
  if (writeError) {
    return new SolsticeError(`Writing the image ${shown} to ${destination} failed: ${writeError.message}`, {
      cause: writeError
    });
  }
  if (error instanceof SolsticeError) return error;
  const ended = expected !== void 0 ? `the connection ended after ${bytes} of ${expected} bytes (Content-Length): ` : "";
  const closed = ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", "UND_ERR_SOCKET"].includes(
    error.code ?? ""
  );
  const cause = closed && context.socketError || error;
  const why = cause === error && closed ? "the connection closed before the end of the body" : describeCause(cause);
  return new TransientDownloadError(`Downloading the image ${shown} failed: ${ended}${why}.`, { cause });
}

// src/image/hashing-writer.ts
import { MessageChannel, Worker } from "node:worker_threads";
var BATCH_BYTES = 2 * 1024 * 1024;
var BATCH_CHUNKS = 512;
var MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;
var WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writevSync } = require('node:fs');
const { algorithm, input, next } = workerData;
const hash = createHash(algorithm);
let fd;
let written = 0;
(input ?? parentPort).on('message', (batch) => {
  if (batch !== null && !Array.isArray(batch)) {
    if (next) next.postMessage(batch);
    else fd = batch.fd;
    return;
  }
  if (batch === null) {
    parentPort.postMessage({ digest: { [algorithm]: hash.digest('hex') } });
    if (next) next.postMessage(null);
    return;
  }
  try {
    for (const chunk of batch) hash.update(chunk);
    if (next) {
      next.postMessage(batch, batch.map((chunk) => chunk.buffer));
      return;
    }
    let rest = batch.slice();
    while (rest.length > 0) {
      let count = writevSync(fd, rest);
      written += count;
      while (rest.length > 0 && count >= rest[0].byteLength) count -= rest.shift().byteLength;
      if (count > 0) rest[0] = rest[0].subarray(count);
    }
    // Frees the batch's memory at once (Node \u2265 21) instead of at a garbage collection: the receiving
    // thread then reuses warm memory, and no collection is triggered by the bytes passing through.
    for (const chunk of batch) {
      try {
        if (!chunk.buffer.detached) chunk.buffer.transfer?.(0);
      } catch {}
    }
    parentPort.postMessage({ written });
  } catch (error) {
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;
function ownCopy(chunk) {
  const copy = Buffer.allocUnsafeSlow(chunk.byteLength);
  chunk.copy(copy);
  return copy;
}
var HashingWriter = class {
  /**
   * Starts the workers at once (their start-up, ≈ 40 ms of CPU each, then overlaps the request); the
   * last writes to the file given to attach().
   */
  constructor(algorithms, onProgress) {
    this.algorithms = algorithms;
    this.onProgress = onProgress;
    const chain = [
      ...algorithms.filter((algorithm) => algorithm !== "sha256"),
      ...algorithms.filter((algorithm) => algorithm === "sha256")
    ];
    const workers = [];
    let input;
    for (const [index, algorithm] of chain.entries()) {
      const link = index < chain.length - 1 ? new MessageChannel() : void 0;
      const ports = [input, link?.port1].filter((port) => port !== void 0);
      workers.push(
        new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { algorithm, input, next: link?.port1 },
          transferList: ports
        })
      );
      input = link?.port2;
    }
    this.workers = workers;
    for (const worker of workers) {
      worker.on(
        "message",
        (message) => {
          if (message.written !== void 0) this.written = message.written;
          if (message.digest) Object.assign(this.digests, message.digest);
          if (message.error)
            this.failure ??= Object.assign(new Error(message.error.message), { code: message.error.code });
          this.onProgress();
          this.wake();
        }
      );
      worker.on("error", (error) => {
        this.failure ??= error;
        this.wake();
      });
      worker.on("exit", () => {
        if (!this.complete) this.failure ??= new Error("a hashing thread stopped");
        this.wake();
      });
    }
  }
  algorithms;
  onProgress;
  workers;
  posted = 0;
  written = 0;
  digests = {};
  failure;
  waiters = /* @__PURE__ */ new Set();
  get complete() {
    return this.algorithms.every((algorithm) => this.digests[algorithm] !== void 0);
  }
  get error() {
    return this.failure;
  }
  /** The file the batches go to (before the first write). */
  attach(fd) {
    this.workers[0].postMessage({ fd });
  }
  get inFlight() {
    return this.posted - this.written;
  }
  /**
   * Hands a batch over: its buffers are transferred when they own their memory, else copied into memory
   * of their own (not Node's shared pool, which cannot be transferred).
   */
  write(batch) {
    const owned = batch.map(
      (chunk) => chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : ownCopy(chunk)
    );
    for (const chunk of owned) this.posted += chunk.byteLength;
    try {
      this.workers[0].postMessage(
        owned,
        owned.map((chunk) => chunk.buffer)
      );
    } catch {
      this.workers[0].postMessage(owned);
    }
  }
  /** Resolves once at most `bytes` are still to be written (or the worker failed). */
  async waitInFlight(bytes, signal) {
    while (this.inFlight > bytes && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure) throw this.failure;
  }
  /** Waits for every write, then returns the digests of what was written. */
  async finish(signal) {
    await this.waitInFlight(0, signal);
    this.workers[0].postMessage(null);
    while (!this.complete && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure || !this.complete) throw this.failure ?? new Error("no digest");
    return { stored: { ...this.digests } };
  }
  /** Stops the workers (a write in progress completes first). */
  async stop() {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
  next(signal) {
    return new Promise((resolve3) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve3();
      };
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
  wake() {
    for (const waiter of [...this.waiters]) waiter();
  }
};

// src/image/download-body.ts
function progressLines(context) {
  const {
    expected,
    started,
    options: { reporter, progressIntervalMs }
  } = context;
  let nextProgress = started + progressIntervalMs;
  return (now) => {
    if (now < nextProgress) return;
    const { bytes } = context;
    const percent = expected ? ` of ${formatBytes(expected)} (${Math.floor(bytes / expected * 100)}%)` : "";
    (reporter.progress ?? reporter.info).call(
      reporter,
      `  ${formatBytes(bytes)}${percent}, ${formatRate(bytes, now - started)}`
    );
    nextProgress = now + progressIntervalMs;
  };
}
function overrun(context) {
  const { shown, bytes, expected, maxBytes } = context;
  if (expected !== void 0 && bytes > expected) {
    return new SolsticeError(
      `Downloading the image ${shown} failed: the server sent more than the ${expected} bytes it announced (Content-Length). The download was discarded.`
    );
  }
  if (bytes > maxBytes) return tooLargeError(shown, `the server sent more than ${maxBytes} bytes`, maxBytes);
  return void 0;
}
function batcher(output) {
  let batch = [];
  let batchBytes = 0;
  const flush = () => {
    if (batchBytes === 0) return;
    output.write(batch);
    batch = [];
    batchBytes = 0;
  };
  const add = (chunk) => {
    batch.push(chunk);
    batchBytes += chunk.byteLength;
    if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_CHUNKS) flush();
  };
  return { add, flush };
}
function receiveBody(context, body, output) {
  const progress = progressLines(context);
  const batches = batcher(output);
  return new Promise((resolve3, reject) => {
    let paused = false;
    const fail = (error) => {
      body.destroy();
      reject(error);
    };
    body.on("data", (chunk) => {
      const now = performance.now();
      context.lastActivity = now;
      context.bytes += chunk.byteLength;
      if (output.error) return fail(output.error);
      const tooMany = overrun(context);
      if (tooMany) return fail(tooMany);
      batches.add(chunk);
      progress(now);
      if (!paused && output.inFlight > MAX_IN_FLIGHT_BYTES) {
        paused = true;
        body.pause();
        output.waitInFlight(MAX_IN_FLIGHT_BYTES / 2, context.signal).then(() => {
          paused = false;
          body.resume();
        }, fail);
      }
    });
    body.once("end", () => {
      batches.flush();
      resolve3();
    });
    body.once("error", (error) => fail(output.error ?? error));
    if (body.destroyed) fail(context.signal.reason instanceof Error ? context.signal.reason : new Error("aborted"));
  });
}

// src/image/download-request.ts
var import_undici = __toESM(require_undici(), 1);
import { statfs } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { dirname as dirname3 } from "node:path";
var MAX_REDIRECTS = 20;
function parseImageUrl(url, shown) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new SolsticeError(`The image URL ${shown} is not a valid URL.`);
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new SolsticeError(
      `The image URL ${shown} contains a user name or password, which is not supported: give a URL without credentials (e.g. a pre-signed URL).`
    );
  }
  return parsed;
}
function discard(body) {
  body.on("error", () => {
  });
  body.destroy();
}
function downloadAgent() {
  const connector = (0, import_undici.buildConnector)({ timeout: 0 });
  let socketError;
  const agent = new import_undici.Agent({
    headersTimeout: 0,
    bodyTimeout: 0,
    pipelining: 0,
    connect: (options, callback) => connector(options, (...args) => {
      args[1]?.on("error", (error) => socketError ??= error);
      callback(...args);
    })
  });
  return { agent, socketError: () => socketError };
}
async function get(url, shown, agent, signal) {
  for (let redirects = 0; ; redirects++) {
    const response = await (0, import_undici.request)(url, {
      dispatcher: agent,
      signal,
      maxRedirections: 0,
      headers: { "accept-encoding": "identity", "user-agent": "solstice" }
    });
    const header = response.headers.location;
    const location = Array.isArray(header) ? header[0] : header;
    if (![301, 302, 303, 307, 308].includes(response.statusCode) || !location) return response;
    discard(response.body);
    if (redirects >= MAX_REDIRECTS) {
      throw new SolsticeError(`Downloading the image ${shown} failed: more than ${MAX_REDIRECTS} redirects.`);
    }
    url = new URL(location, url);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new SolsticeError(
        `Downloading the image ${shown} failed: the server redirected to an unsupported URL scheme (${url.protocol}).`
      );
    }
  }
}
async function checkRoom(dir, shown, bytes) {
  let free;
  try {
    const info = await statfs(dir);
    free = info.bavail * info.bsize;
  } catch {
    return;
  }
  if (bytes > free) {
    throw noRoomError(dir, `the image ${shown} needs ${formatBytes(bytes)} and only ${formatBytes(free)} is free`);
  }
}
function checkStatus(status, shown) {
  if (status >= 200 && status <= 299) return;
  const reason = STATUS_CODES[status];
  const answer = `Downloading the image ${shown} failed: the server answered HTTP ${status}${reason ? ` ${reason}` : ""}.`;
  if (status >= 500) throw new TransientDownloadError(answer);
  throw new SolsticeError(`${answer} Check that the URL is right and reachable from the runner.`);
}
function announcedLength(headers) {
  const header = (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const encoding = header("content-encoding");
  const lengthHeader = header("content-length");
  if (lengthHeader !== void 0 && /^\d+$/.test(lengthHeader.trim()) && (!encoding || encoding === "identity")) {
    return Number(lengthHeader.trim());
  }
  return void 0;
}
async function openDownload(context, agent) {
  const {
    shown,
    maxBytes,
    options: { reporter }
  } = context;
  const response = await get(context.url, shown, agent, context.signal);
  context.lastActivity = performance.now();
  try {
    checkStatus(response.statusCode, shown);
    const expected = context.expected = announcedLength(response.headers);
    if (expected !== void 0 && expected > maxBytes) {
      throw tooLargeError(shown, `the server announces ${expected} bytes (Content-Length)`, maxBytes);
    }
    if (expected !== void 0) await checkRoom(dirname3(context.destination), shown, expected);
    reporter.info(`Downloading ${shown}${expected !== void 0 ? ` (${formatBytes(expected)})` : ""}`);
    return response;
  } catch (error) {
    discard(response.body);
    throw error;
  }
}

// src/image/download-stall.ts
function watchStall(context, controller) {
  const { stallTimeoutMs } = context.options;
  let stalled = false;
  const checkStall = () => {
    const idle = performance.now() - context.lastActivity;
    if (idle >= stallTimeoutMs) {
      stalled = true;
      controller.abort(new Error("stalled"));
    } else {
      stallTimer = setTimeout(checkStall, stallTimeoutMs - idle + 1);
    }
  };
  let stallTimer = setTimeout(checkStall, stallTimeoutMs);
  return {
    get stalled() {
      return stalled;
    },
    stop: () => clearTimeout(stallTimer)
  };
}

// src/image/decompress.ts
import { spawn } from "node:child_process";
import { createHash as createHash2 } from "node:crypto";

// src/image/archive-member.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { PassThrough } from "node:stream";
import { once } from "node:events";
var NAMES_SHOWN = 5;
function extractMember(input, wanted, { source, maxBytes }) {
  const output = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  const extractor = (0, import_tar_stream.extract)();
  const refuse = (problem) => new SolsticeError(
    `The image ${source} is a tar archive that ${problem}. The download was discarded. Check the catalog entry's archive.member ('${wanted.member}') against the archive's contents (tar -tzf), or ask its publisher.`
  );
  let tarBytes = 0;
  input.on("data", (chunk) => {
    tarBytes += chunk.byteLength;
    if (tarBytes > maxBytes) {
      extractor.destroy(
        refuse(
          `expands to more than the limit of ${formatBytes(maxBytes)}; if the image really is that large, give its catalog entry a larger maxSize (bytes)`
        )
      );
    }
  });
  input.on("error", (error) => extractor.destroy(error));
  input.pipe(extractor);
  const unpack = async () => {
    let found = false;
    const others = [];
    for await (const entry of extractor) {
      const header = entry.header;
      const path = memberPath(memberName(header));
      if (path !== wanted.member) {
        if (path !== void 0 && header.type !== "directory" && others.length <= NAMES_SHOWN) others.push(path);
        entry.resume();
        continue;
      }
      const problem = memberProblem(header, found, maxBytes);
      if (problem) throw refuse(problem);
      found = true;
      for await (const chunk of entry) {
        if (!output.write(chunk)) await once(output, "drain");
      }
    }
    if (!found) {
      const listed = others.length === 0 ? "no file" : others.slice(0, NAMES_SHOWN).join(", ");
      throw refuse(`has no member '${wanted.member}' (it holds ${listed}${others.length > NAMES_SHOWN ? ", \u2026" : ""})`);
    }
    output.end();
  };
  unpack().catch((error) => {
    input.unpipe(extractor);
    extractor.destroy();
    output.destroy(
      error instanceof SolsticeError ? error : refuse(`cannot be read (${error instanceof Error ? error.message : String(error)})`)
    );
  });
  return output;
}
function memberName(header) {
  const pax = header.pax ?? {};
  return pax["GNU.sparse.name"] ?? header.name;
}
function memberProblem(header, seenBefore, maxBytes) {
  const name = `'${memberName(header)}'`;
  if (seenBefore) return `holds more than one member named ${name}, so which one is the image is ambiguous`;
  if (header.type !== "file") return `holds ${name} as a ${header.type ?? "special"} entry, not a regular file`;
  if (isSparseMember(header)) return `holds ${name} as a sparse file, which is not unpacked here`;
  if (header.size !== void 0 && header.size > maxBytes)
    return `declares ${name} as ${formatBytes(header.size)}, over the limit of ${formatBytes(maxBytes)}; if the image really is that large, give its catalog entry a larger maxSize (bytes)`;
  return void 0;
}

// src/image/decompress.ts
var TOOLS = {
  xz: { command: "xz", args: ["--decompress", "--stdout", "--threads=0"], debianPackage: "xz-utils" },
  zst: { command: "zstd", args: ["--decompress", "--stdout", "--quiet"], debianPackage: "zstd" },
  gz: { command: "gzip", args: ["--decompress", "--stdout"], debianPackage: "gzip" },
  bz2: { command: "bzip2", args: ["--decompress", "--stdout"], debianPackage: "bzip2" }
};
function startDecompressor(compression, source) {
  const tool = TOOLS[compression];
  const child = spawn(program(tool.command), tool.args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: childEnvironment()
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => stderr = (stderr + chunk.toString("utf8")).slice(-2e3));
  let inputError;
  child.stdin.on("error", (error) => {
    if (error.code !== "EPIPE") inputError ??= error;
  });
  const finished = new Promise((resolve3, reject) => {
    child.once(
      "error",
      (error) => reject(
        error.code === "ENOENT" ? new SolsticeError(
          `The image ${source} is ${compression}-compressed, but '${tool.command}' is not installed on this runner: install the Debian package ${tool.debianPackage}.`
        ) : error
      )
    );
    child.once("close", (code, signal) => {
      if (inputError)
        reject(
          new SolsticeError(`Feeding the download of ${source} to ${tool.command} failed: ${inputError.message}.`, {
            cause: inputError
          })
        );
      else if (code === 0) resolve3();
      else
        reject(
          new SolsticeError(
            `Decompressing the image ${source} (${compression}) failed: ${stderr.trim() || (signal ? `${tool.command} was killed by ${signal}` : `${tool.command} exited with ${code}`)}. The download is not valid ${compression} data.`
          )
        );
    });
  });
  return { input: child.stdin, output: child.stdout, finished, kill: () => child.kill("SIGKILL") };
}
var DecompressingWriter = class {
  compressedHashes;
  tool;
  output;
  outputEnded;
  failure;
  algorithms;
  constructor({ compression, source, algorithms, maxBytes, onProgress, archive }) {
    this.algorithms = algorithms;
    this.compressedHashes = algorithms.map((algorithm) => createHash2(algorithm));
    this.tool = startDecompressor(compression, source);
    this.output = new HashingWriter(algorithms, onProgress);
    this.tool.finished.catch((error) => this.failure ??= error);
    const stdout = archive ? extractMember(this.tool.output, archive, { source, maxBytes }) : this.tool.output;
    stdout.on("error", (error) => {
      this.failure ??= error;
      this.tool.kill();
    });
    let batch = [];
    let batchBytes = 0;
    let decompressed = 0;
    const flush = () => {
      if (batchBytes === 0) return;
      this.output.write(batch);
      batch = [];
      batchBytes = 0;
    };
    stdout.on("data", (chunk) => {
      decompressed += chunk.byteLength;
      if (decompressed > maxBytes) {
        this.failure ??= new SolsticeError(
          `Decompressing the image ${source} (${compression}) failed: it expands to more than the limit of ${maxBytes} bytes. The download was discarded. If the image really is that large, give its catalog entry a larger maxSize (bytes).`
        );
        this.tool.kill();
        return;
      }
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_CHUNKS) flush();
      if (this.output.inFlight > MAX_IN_FLIGHT_BYTES && !stdout.isPaused()) {
        stdout.pause();
        this.output.waitInFlight(MAX_IN_FLIGHT_BYTES / 2, new AbortController().signal).then(
          () => stdout.resume(),
          (error) => this.failure ??= error
        );
      }
    });
    this.outputEnded = new Promise(
      (resolve3) => stdout.once("close", () => {
        flush();
        resolve3();
      })
    );
  }
  get error() {
    return this.failure ?? this.output.error;
  }
  /** The file the image goes to (before the first write). */
  attach(fd) {
    this.output.attach(fd);
  }
  /** Bytes handed to the decompressor that it has not taken yet. */
  get inFlight() {
    return this.tool.input.writableLength;
  }
  write(batch) {
    for (const chunk of batch) {
      for (const hash of this.compressedHashes) hash.update(chunk);
      this.tool.input.write(chunk);
    }
  }
  async waitInFlight(bytes, signal) {
    while (this.inFlight > bytes && !this.error && !signal.aborted) {
      await new Promise((resolve3) => {
        const done = () => {
          this.tool.input.off("drain", done);
          signal.removeEventListener("abort", done);
          clearInterval(poll);
          resolve3();
        };
        const poll = setInterval(() => this.error && done(), 100);
        this.tool.input.once("drain", done);
        signal.addEventListener("abort", done, { once: true });
      });
    }
    if (signal.aborted) throw signal.reason;
    if (this.error) throw this.error;
  }
  /** Ends the input, waits for the decompressed image to be written; returns both sets of digests. */
  async finish(signal) {
    this.tool.input.end();
    const kill = () => this.tool.kill();
    signal.addEventListener("abort", kill, { once: true });
    try {
      await this.tool.finished;
      await this.outputEnded;
    } catch (error) {
      throw this.failure ?? error;
    } finally {
      signal.removeEventListener("abort", kill);
    }
    if (this.failure) throw this.failure;
    const { stored } = await this.output.finish(signal);
    const compressed = Object.fromEntries(
      this.algorithms.map((algorithm, index) => [algorithm, this.compressedHashes[index].digest("hex")])
    );
    return { stored, compressed };
  }
  async stop() {
    this.tool.kill();
    await this.output.stop();
  }
};

// src/image/download-attempt.ts
async function downloadOnce(url, destination, options) {
  const { signal, stallTimeoutMs } = options;
  const shown = displayUrl(url);
  if (signal?.aborted) throw new CancelledError(`The download of ${shown} was cancelled.`);
  const controller = new AbortController();
  const context = attemptContext(url, destination, options, controller.signal);
  const output = startOutput(context);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const stall = watchStall(context, controller);
  const { agent, socketError } = downloadAgent();
  const held = {};
  try {
    return await transfer(context, agent, output, held);
  } catch (error) {
    await releaseFailed(context, output, held);
    throw downloadFailure(error, {
      shown,
      destination,
      cancelled: signal?.aborted === true,
      stalled: stall.stalled,
      stallTimeoutMs,
      bytes: context.bytes,
      expected: context.expected,
      writeError: held.writeError,
      socketError: socketError()
    });
  } finally {
    stall.stop();
    signal?.removeEventListener("abort", onAbort);
    await output.stop().catch(() => {
    });
    await agent.destroy().catch(() => {
    });
  }
}
function attemptContext(url, destination, options, signal) {
  const { maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES } = options;
  const shown = displayUrl(url);
  const started = performance.now();
  return {
    url: parseImageUrl(url, shown),
    shown,
    destination,
    options,
    maxBytes,
    signal,
    started,
    lastActivity: started,
    bytes: 0,
    expected: void 0
  };
}
function startOutput(context) {
  const { shown, maxBytes, options } = context;
  const algorithms = options.sha512 ? ["sha256", "sha512"] : ["sha256"];
  const onWritten = () => context.lastActivity = performance.now();
  return options.compression && options.compression !== "none" ? new DecompressingWriter({
    compression: options.compression,
    source: shown,
    algorithms,
    maxBytes,
    onProgress: onWritten,
    archive: options.archive
  }) : new HashingWriter(algorithms, onWritten);
}
async function transfer(context, agent, output, held) {
  const response = held.response = await openDownload(context, agent);
  let file2;
  try {
    file2 = held.file = await open(context.destination, "wx");
  } catch (error) {
    throw held.writeError = error;
  }
  output.attach(file2.fd);
  await receiveBody(context, response.body, output);
  const written = await output.finish(context.signal);
  const storedBytes = (await file2.stat()).size;
  await file2.close();
  held.file = void 0;
  return downloadResult(context, written, storedBytes);
}
async function releaseFailed(context, output, held) {
  held.writeError ??= output.error;
  if (held.response) discard(held.response.body);
  await output.stop().catch(() => {
  });
  await held.file?.close().catch(() => {
  });
  if (held.writeError?.code !== "EEXIST") await rm2(context.destination, { force: true }).catch(() => {
  });
}
function downloadResult(context, written, storedBytes) {
  const { shown, bytes, expected, started, options } = context;
  if (expected !== void 0 && bytes !== expected) {
    throw new TransientDownloadError(
      `Downloading the image ${shown} failed: the connection ended after ${bytes} of ${expected} bytes (Content-Length).`
    );
  }
  const { stored: digests, compressed } = written;
  const durationMs = performance.now() - started;
  const rate = formatRate(bytes, durationMs);
  const member2 = options.archive ? ` and unpacked ${options.archive.member}` : "";
  const unpacked = compressed ? `, decompressed (${options.compression})${member2} to ${formatBytes(storedBytes)}` : "";
  options.reporter.info(
    `Downloaded ${shown}: ${formatBytes(bytes)} in ${formatSeconds(durationMs)} (${rate})${unpacked}`
  );
  const result = { bytes, storedBytes, sha256: digests.sha256, durationMs };
  if (options.sha512) result.sha512 = digests.sha512;
  if (compressed)
    result.compressed = { sha256: compressed.sha256, ...options.sha512 ? { sha512: compressed.sha512 } : {} };
  return result;
}

// src/image/download.ts
var DOWNLOAD_ATTEMPTS = 2;
var DEFAULT_RETRY_DELAY_MS = 2e3;
async function downloadToFile(url, destination, options) {
  const { reporter, signal, retryDelayMs = DEFAULT_RETRY_DELAY_MS } = options;
  const shown = displayUrl(url);
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, destination, options);
    } catch (error) {
      if (!(error instanceof TransientDownloadError)) throw error;
      if (attempt >= DOWNLOAD_ATTEMPTS) {
        throw new SolsticeError(
          `${error.message} Tried ${DOWNLOAD_ATTEMPTS} times; the download was discarded. Check the server and the network, then try again.`,
          { cause: error }
        );
      }
      reporter.info(
        `${error.message} Retrying in ${formatSeconds(retryDelayMs)} (attempt ${attempt + 1} of ${DOWNLOAD_ATTEMPTS}).`
      );
      try {
        await sleep2(retryDelayMs, void 0, signal ? { signal } : {});
      } catch {
        throw new CancelledError(`The download of ${shown} was cancelled.`);
      }
    }
  }
}

// src/image/url-image.ts
var DEFAULT_STALL_TIMEOUT_MS = 6e4;
var DEFAULT_PROGRESS_INTERVAL_MS = 5e3;
var DEFAULT_LOCK_TIMEOUT_MS = 30 * 6e4;
async function prepareFromUrl(job) {
  const { request: request3, checksum, cacheDir, reporter, signal, options } = job;
  const shown = displayUrl(request3.source);
  const key = request3.archive ? `${request3.source}
${request3.archive.format}:${request3.archive.member}` : request3.source;
  const dir = urlEntryDirectory(cacheDir, key);
  await checkCacheDirectories(cacheDir, dir);
  const hit = await lookup(dir, shown, checksum);
  if (hit && !hit.changed && hit.untrusted === void 0 && await headerProblem(hit) === void 0) {
    reporter.debug(`Image cache hit for ${shown}: ${hit.path}`);
    await markUsed(usedMarkerPath(hit.path));
    return fromEntry(hit, checksum);
  }
  await makeEntryDirectory(cacheDir, dir);
  const lock = {
    activity: `downloading ${shown} into the image cache`,
    dirKind: "image cache directory",
    reporter,
    signal,
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  };
  return withLock(dir, lock, (lockSignal) => confirmOrDownload({ ...job, shown, dir, signal: lockSignal }));
}
async function confirmOrDownload(context) {
  const { dir, shown, checksum } = context;
  for (let entry = await lookup(dir, shown, checksum); entry; entry = await lookup(dir, shown, checksum)) {
    if (await confirmEntry(entry, context)) {
      await markUsed(usedMarkerPath(entry.path));
      return fromEntry(entry, checksum);
    }
  }
  await removeLeftovers(dir);
  return await restoreEntry(context) ?? await downloadEntry(context);
}
function fromEntry(entry, checksum) {
  const { record } = entry;
  let digest;
  if (checksum) digest = checksum;
  else if (record.sha256) digest = { algorithm: "sha256", hex: record.sha256 };
  else digest = record.digest;
  return {
    path: entry.path,
    format: record.format,
    virtualSize: record.virtualSize,
    digest,
    verified: checksum !== void 0,
    fetchedBytes: 0,
    cacheHit: true
  };
}
async function headerProblem(entry) {
  try {
    const { format } = await inspectHeader(entry.path, entry.path);
    return format === entry.record.format ? void 0 : `it is no longer a ${entry.record.format} image`;
  } catch (error) {
    if (error instanceof SolsticeError) return error.message;
    throw error;
  }
}
async function confirmEntry(entry, context) {
  const verdict = await entryVerdict(entry, context);
  if (verdict === void 0) return true;
  try {
    await rm3(entry.recordPath, { force: true });
    await rm3(entry.path, { force: true });
  } catch (error) {
    throw new SolsticeError(
      `The cached image ${entry.path} ${verdict} and cannot be removed: ${error.message}. Remove it and its .json record by hand.`
    );
  }
  context.reporter.warning(
    `The cached image ${entry.path} ${verdict}; it was removed. Downloading ${context.shown} again.`
  );
  return false;
}
async function entryVerdict(entry, context) {
  const { checksum } = context;
  const compression = context.request.compression ?? "none";
  if (entry.untrusted !== void 0) return `was refused (${entry.untrusted}: another user could have written it)`;
  const header = await headerProblem(entry);
  if (header !== void 0) return `was corrupted (${header})`;
  if (!entry.changed) return void 0;
  const why = entry.record.stamp ? "the file changed since it was verified" : "its record is from an older version";
  if (checksum && compression !== "none" && entry.record.digestOf !== "uncompressed") {
    return `could not be re-verified (${why}, and the requested ${checksum.algorithm} is of the ${compression} download, which the cache does not keep)`;
  }
  const problem = await rehashProblem(entry, why, context);
  return problem === void 0 ? void 0 : `was corrupted (${problem})`;
}
async function rehashProblem(entry, why, context) {
  const { checksum, reporter, signal } = context;
  const { path, record } = entry;
  reporter.info(`Verifying the cached image ${path} (${formatBytes(record.size)}): ${why}.`);
  const stamp = await stampFile(path);
  const { algorithm, hex } = checksum ?? (record.sha256 ? { algorithm: "sha256", hex: record.sha256 } : record.digest);
  const actual = (await hashFile(path, [algorithm], signal))[algorithm];
  if (actual !== hex) return `its ${algorithm} is ${actual}, not the verified ${hex}`;
  if (!sameStamp(stamp, await stampFile(path))) return "it changed while it was being verified";
  try {
    await writeRecord(entry.recordPath, { ...record, stamp });
  } catch (error) {
    reporter.debug(`Could not record the verification of ${path} in ${entry.recordPath}: ${error.message}`);
  }
  return void 0;
}
async function restoreEntry(context) {
  const { checksum, options, dir, shown, reporter, signal } = context;
  const store = options.remoteStore;
  if (!store || !checksum) return void 0;
  const restored = await store.restore(checksum, signal);
  if (restored === void 0) return void 0;
  const partial = partialPath(dir);
  try {
    await rename(restored, partial);
    const verified = await verifyRestored(partial, checksum, context);
    if (typeof verified === "string") {
      reporter.warning(
        `The copy of ${shown} restored from ${store.name} was refused: ${verified}. Downloading the image instead.`
      );
      await rm3(partial, { force: true });
      return void 0;
    }
    const path = await storeEntry(partial, context, {
      digest: checksum,
      sha256: verified.sha256,
      size: verified.size,
      info: verified.info,
      digestOf: "uncompressed"
    });
    reporter.info(`Verified the copy of ${shown} restored from ${store.name}: ${checksum.algorithm} matches.`);
    return { ...preparedEntry(path, verified.info, checksum, true, 0), restored: true };
  } catch (error) {
    await rm3(partial, { force: true }).catch(() => {
    });
    throw storingError(error, context);
  }
}
async function verifyRestored(path, checksum, { request: request3, shown, signal }) {
  const st = await lstat2(path, { bigint: true });
  const untrusted = untrustedPath(path, st);
  if (untrusted !== void 0) return `${untrusted}, so another user could have written it`;
  if (!st.isFile() || st.nlink !== 1n) return "it is not a regular file of its own";
  const maxSize = request3.maxSize ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  if (st.size > BigInt(maxSize))
    return `it has ${formatBytes(Number(st.size))}, over the cap of ${formatBytes(maxSize)}`;
  const hashes = await hashFile(path, [.../* @__PURE__ */ new Set([checksum.algorithm, "sha256"])], signal);
  const actual = hashes[checksum.algorithm];
  if (actual !== checksum.hex) return `its ${checksum.algorithm} is ${actual}, not the requested ${checksum.hex}`;
  try {
    return { sha256: hashes.sha256, size: Number(st.size), info: await inspectImage(path, shown, signal) };
  } catch (error) {
    if (error instanceof SolsticeError) return error.message;
    throw error;
  }
}
async function downloadEntry(context) {
  const { request: request3, shown, dir, checksum, reporter, signal, options } = context;
  const partial = partialPath(dir);
  try {
    const result = await downloadToFile(request3.source, partial, {
      reporter,
      signal,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      retryDelayMs: options.retryDelayMs,
      sha512: checksum?.algorithm === "sha512",
      compression: request3.compression ?? "none",
      ...request3.archive ? { archive: request3.archive } : {},
      ...request3.maxSize !== void 0 ? { maxBytes: request3.maxSize } : {}
    });
    const digestOf = checkDownload(result, checksum, shown);
    const digest = checksum ?? { algorithm: "sha256", hex: result.sha256 };
    const info = await inspectImage(partial, shown, signal);
    const path = await storeEntry(partial, context, {
      digest,
      sha256: result.sha256,
      size: result.storedBytes,
      info,
      digestOf
    });
    if (checksum && digestOf === "uncompressed") options.remoteStore?.stored({ path, digest });
    return preparedEntry(path, info, digest, checksum !== void 0, result.bytes);
  } catch (error) {
    await rm3(partial, { force: true }).catch(() => {
    });
    throw storingError(error, context);
  }
}
function partialPath(dir) {
  return join4(dir, `.partial-${randomBytes(8).toString("hex")}`);
}
async function storeEntry(partial, { dir, shown, signal }, image) {
  const { digest, sha256, size, info, digestOf } = image;
  await chmod(partial, 292);
  throwIfCancelled(signal);
  const base = `${digest.algorithm}-${digest.hex}`;
  const path = join4(dir, `${base}.img`);
  await rename(partial, path);
  try {
    const record = {
      url: shown,
      digest,
      size,
      format: info.format,
      virtualSize: info.virtualSize,
      fetchedAt: (/* @__PURE__ */ new Date()).toISOString(),
      sha256,
      digestOf,
      // Taken after chmod and rename (both change ctime); the bytes were hashed before.
      stamp: await stampFile(path)
    };
    await writeRecord(join4(dir, `${base}.json`), record);
    return path;
  } catch (error) {
    await rm3(path, { force: true }).catch(() => {
    });
    throw error;
  }
}
function preparedEntry(path, info, digest, verified, fetchedBytes) {
  return { path, format: info.format, virtualSize: info.virtualSize, digest, verified, fetchedBytes, cacheHit: false };
}
function storingError(error, { dir, shown }) {
  if (error instanceof SolsticeError) return error;
  if (isNoRoom(error))
    return noRoomError(dir, `storing the image ${shown} failed (${error.message})`, error);
  return new SolsticeError(`Storing the image ${shown} in the cache ${dir} failed: ${error.message}`, {
    cause: error
  });
}
function checkDownload(result, checksum, shown) {
  let digestOf = "uncompressed";
  if (!checksum) return digestOf;
  if (result.compressed && result[checksum.algorithm] !== checksum.hex) digestOf = "compressed";
  const found = result.compressed ? [
    { hex: result.compressed[checksum.algorithm], what: " (download)" },
    { hex: result[checksum.algorithm], what: " (decompressed)" }
  ] : [{ hex: result[checksum.algorithm], what: "" }];
  if (!found.some(({ hex }) => hex === checksum.hex)) {
    throw new SolsticeError(
      `Checksum mismatch for the image ${shown}: expected ${checksum.algorithm}:${checksum.hex}, got ${found.map(({ hex, what }) => `${checksum.algorithm}:${hex}${what}`).join(" and ")}. The download was discarded. If the image changed upstream, update the checksum; otherwise the download was corrupted or tampered with.`
    );
  }
  return digestOf;
}

// src/image/prepare.ts
async function prepareImage(request3, reporter, signal, options = {}) {
  throwIfCancelled(signal);
  const checksum = request3.checksum ? normaliseDigest(request3.checksum) : void 0;
  const job = { request: request3, checksum, cacheDir: resolve2(request3.cacheDir), reporter, signal, options };
  if (/^https?:\/\//i.test(request3.source)) return prepareFromUrl(job);
  if (request3.archive) {
    throw new SolsticeError(
      `The local image ${request3.source} is an archive: unpack its ${request3.archive.member} and give that file's path, or serve the archive over http(s).`
    );
  }
  if (request3.compression && request3.compression !== "none") {
    throw new SolsticeError(
      `The local image ${request3.source} is ${request3.compression}-compressed: decompress it first (the cache keeps local files where they are), or serve it over http(s).`
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(request3.source)?.[1];
  if (scheme !== void 0) {
    const local = scheme.toLowerCase() === "file" ? " For a file on the runner, give its absolute path without file://." : "";
    throw new SolsticeError(
      `The image URL ${displayUrl(request3.source)} uses an unsupported scheme (${scheme}:): give an http(s) URL or an absolute path.${local}`
    );
  }
  return prepareLocalFile(job);
}
function normaliseDigest(digest) {
  const hex = digest.hex.trim().toLowerCase();
  const length = DIGEST_HEX_LENGTH[digest.algorithm];
  if (length === void 0) {
    throw new SolsticeError(`Unsupported checksum algorithm "${String(digest.algorithm)}": use sha256 or sha512.`);
  }
  if (!isDigest({ algorithm: digest.algorithm, hex })) {
    throw new SolsticeError(
      `The ${digest.algorithm} checksum "${digest.hex}" is not valid: it must be ${length} hexadecimal digits.`
    );
  }
  return { algorithm: digest.algorithm, hex };
}

// src/qemu/accel.ts
import { constants } from "node:fs";
import { access, mkdtemp, rm as rm4, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join5 } from "node:path";

// src/qemu/kvm-probe/boot-sector.ts
var KVM_PROBE_BOOT_SECTOR_BASE64 = "+jHAjtiOwI7QvAB8vwAQuQAwMcDzq2bHBgAQAyAAAGbHBgAgAzAAAGbHBgAwgwAAAA8BFqh8ZrgAEAAADyLYDyDgZoPIIA8i4Ga5gAAAwA8yZg0AAQAADzAPIMBmDQEAAIAPIsDqanwIAEiNNRYAAABmuvgDrITAdAPu6/hmuvQAsBDu9Ov9U09MU1RJQ0UtS1ZNLU9LCgAAAAAAAAAAAAAAAAAAmiAADwCYfAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAVao=";
var KVM_PROBE_MARKER = "SOLSTICE-KVM-OK";

// src/qemu/accel.ts
var PROBE_DEADLINE_MS = 5e3;
async function resolveAccel(requested, guestArch, reporter, signal) {
  if (requested === "tcg") {
    reporter.notice("Using TCG software emulation, as asked: expect the guest to run 10\u201350\xD7 slower than with KVM.");
    return { accel: "tcg" };
  }
  const kvmProblem = HOST_ARCH === guestArch ? await probeKvm(guestArch, signal) : `KVM runs only guests of the host's own architecture; this is an ${guestArch} guest on an ${HOST_ARCH ?? process.arch} runner`;
  if (kvmProblem === void 0) {
    reporter.info("KVM works here: using hardware acceleration.");
    return { accel: "kvm" };
  }
  if (requested === "kvm") {
    throw new SolsticeError(`is 'kvm' but KVM does not work on this runner: ${kvmProblem}.`, {
      input: "accel",
      hint: (say) => `Fix KVM on the runner, or use ${say.setting("accel", "auto")} (falls back to TCG) or ${say.setting("accel", "tcg")}.`
    });
  }
  reporter.notice(
    `KVM is not usable (${kvmProblem}); using TCG software emulation instead: expect the guest to run 10\u201350\xD7 slower.`
  );
  return { accel: "tcg", kvmProblem };
}
var HOST_ARCH = { x64: "x86_64", arm64: "aarch64" }[process.arch];
async function probeKvm(guestArch, signal) {
  try {
    await access("/dev/kvm", constants.R_OK | constants.W_OK);
  } catch (error) {
    const code = error.code;
    return code === "ENOENT" ? "/dev/kvm does not exist (no KVM module or not exposed to this runner)" : "/dev/kvm is not accessible to this user (add the runner user to the kvm group)";
  }
  if (guestArch !== "x86_64") return void 0;
  const workDir = await mkdtemp(join5(tmpdir(), "solstice-kvm-probe-"));
  try {
    const image = join5(workDir, "probe.img");
    await writeFile(image, Buffer.from(KVM_PROBE_BOOT_SECTOR_BASE64, "base64"));
    const result = await execa(
      program(QEMU_X86_64),
      [
        "-machine",
        "pc,accel=kvm",
        "-cpu",
        "host",
        "-m",
        "16M",
        "-nodefaults",
        "-no-user-config",
        "-display",
        "none",
        "-drive",
        `file=${image},format=raw,if=ide`,
        "-device",
        "isa-debug-exit,iobase=0xf4,iosize=0x04",
        "-serial",
        "stdio"
      ],
      {
        stdin: "ignore",
        reject: false,
        timeout: PROBE_DEADLINE_MS,
        cancelSignal: signal,
        all: true,
        env: childEnvironment(),
        extendEnv: false
      }
    );
    if (result.all?.includes(KVM_PROBE_MARKER)) return void 0;
    if (result.timedOut)
      return `a test guest under KVM printed nothing within ${PROBE_DEADLINE_MS / 1e3} s (nested KVM often hangs like this)`;
    const detail = (result.all ?? "").trim().split("\n").slice(-2).join(" ");
    return `QEMU could not run a test guest under KVM (${detail || `exit code ${result.exitCode}`})`;
  } finally {
    await rm4(workDir, { recursive: true, force: true });
  }
}

// src/qemu/firmware.ts
import { access as access2, copyFile } from "node:fs/promises";
import { join as join6 } from "node:path";
var UEFI_FIRMWARE = {
  x86_64: {
    code: "/usr/share/OVMF/OVMF_CODE_4M.fd",
    varsTemplate: "/usr/share/OVMF/OVMF_VARS_4M.fd",
    debianPackage: "ovmf"
  },
  aarch64: {
    code: "/usr/share/AAVMF/AAVMF_CODE.fd",
    varsTemplate: "/usr/share/AAVMF/AAVMF_VARS.fd",
    debianPackage: "qemu-efi-aarch64"
  }
};
async function prepareFirmware(arch, firmware, jobDirectory, installed = UEFI_FIRMWARE) {
  if (firmware === "bios") return void 0;
  const files = installed[arch];
  for (const path of [files.code, files.varsTemplate]) {
    await access2(path).catch(() => {
      throw new SolsticeError(
        `UEFI firmware for ${arch} guests is missing on this runner (${path}). Install the Debian package ${files.debianPackage} (apt install ${files.debianPackage}).`
      );
    });
  }
  const varsPath = join6(jobDirectory, "uefi-vars.fd");
  await copyFile(files.varsTemplate, varsPath);
  return { codePath: files.code, varsPath };
}

// src/seed/seed.ts
import { writeFile as writeFile2 } from "node:fs/promises";

// src/seed/meta-data.ts
var import_yaml = __toESM(require_dist(), 1);
function metaData(spec, extra = {}) {
  return (0, import_yaml.stringify)(
    {
      "instance-id": spec.instanceId,
      "local-hostname": spec.hostname,
      "public-keys": [...spec.authorizedKeys],
      ...extra
    },
    { lineWidth: 0 }
  );
}

// src/seed/cloudbase-init.ts
function hereString(text) {
  if (/^'@/m.test(text)) throw new Error("cloudbase-init: text with a line starting '@ cannot go in a here-string");
  return `@'
${text}
'@`;
}
function cloudbaseInitDocuments(spec) {
  const script = [
    "#ps1_sysnative",
    "$ErrorActionPreference = 'Stop'",
    "$sshDir = Join-Path $env:ProgramData 'ssh'",
    "New-Item -ItemType Directory -Force -Path $sshDir | Out-Null",
    "Get-ChildItem -Path $sshDir -Filter 'ssh_host_*' | Remove-Item -Force",
    "$key = Join-Path $sshDir 'ssh_host_ed25519_key'",
    `Set-Content -Path $key -Encoding ascii -Value ${hereString(spec.hostKey.privateKey.trim())}`,
    `Set-Content -Path "$key.pub" -Encoding ascii -Value ${hereString(spec.hostKey.publicKey.trim())}`,
    // sshd refuses a private key others can read: only SYSTEM and Administrators.
    "icacls $key /inheritance:r /grant 'SYSTEM:F' 'Administrators:F' | Out-Null",
    spec.guest.userland.sshdReload,
    "Write-Output 'solstice: the job''s SSH host key is installed'",
    ""
  ].join("\r\n");
  return { "meta-data": metaData(spec, { "admin-username": spec.user }), "user-data": script };
}

// src/seed/cloud-config.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/seed/sshd-settings.ts
var SLIRP_GATEWAY = "10.0.2.2";
var SSHD_DROP_INS = "/etc/ssh/sshd_config.d";
var PENALTY_EXEMPTION_FILE = `${SSHD_DROP_INS}/00-solstice-slirp.conf`;
var EXEMPTION_LINE = `PerSourcePenaltyExemptList ${SLIRP_GATEWAY}`;
var knowsExemption = (sshd) => `${sshd} -G -f /dev/null -o ${EXEMPTION_LINE.replace(" ", "=")} 2>/dev/null | grep -qx '${EXEMPTION_LINE.toLowerCase()}'`;
var EXEMPT_SLIRP_GATEWAY = `if ${knowsExemption("/usr/sbin/sshd")}; then mkdir -p ${SSHD_DROP_INS} && echo '${EXEMPTION_LINE}' > ${PENALTY_EXEMPTION_FILE}; fi`;
var EXEMPT_SLIRP_GATEWAY_ANYWHERE = [
  "solstice_sshd=",
  "for solstice_path in /usr/sbin/sshd /usr/lib/ssh/sshd /usr/local/sbin/sshd; do",
  '  if [ -x "$solstice_path" ]; then solstice_sshd=$solstice_path; break; fi',
  "done",
  `if [ -n "$solstice_sshd" ] && ${knowsExemption('"$solstice_sshd"')}; then`,
  `  if grep -Eqi '^[[:space:]]*Include[[:space:]]+${SSHD_DROP_INS}/' /etc/ssh/sshd_config; then`,
  `    mkdir -p ${SSHD_DROP_INS} && echo '${EXEMPTION_LINE}' > ${PENALTY_EXEMPTION_FILE}`,
  "  elif ! grep -qi '^[[:space:]]*PerSourcePenaltyExemptList' /etc/ssh/sshd_config; then",
  `    { echo '${EXEMPTION_LINE}'; cat /etc/ssh/sshd_config; } > /etc/ssh/sshd_config.solstice &&`,
  "      cat /etc/ssh/sshd_config.solstice > /etc/ssh/sshd_config && rm -f /etc/ssh/sshd_config.solstice",
  "  fi",
  "fi"
].join("\n");

// src/seed/cloud-config.ts
function userData(spec) {
  const config = {
    hostname: spec.hostname,
    manage_etc_hosts: true,
    users: [
      {
        name: spec.user,
        gecos: "Solstice CI",
        sudo: "ALL=(ALL) NOPASSWD:ALL",
        // Where the admin command is doas (Alpine), cloud-init 23.2+ writes this rule to doas.conf.
        ...spec.guest.userland.admin === "doas" ? { doas: [`permit nopass ${spec.user}`] } : {},
        // The OS's own admin group too (sudo or wheel), for tools that check it rather than sudoers (su, doas, polkit).
        ...spec.guest.adminGroup ? { groups: [spec.guest.adminGroup] } : {},
        ...spec.guest.shell ? { shell: spec.guest.shell } : {},
        lock_passwd: true,
        ssh_authorized_keys: [...spec.authorizedKeys]
      }
    ],
    disable_root: true,
    bootcmd: [EXEMPT_SLIRP_GATEWAY],
    // No ssh_pwauth: setting it makes cloud-init restart sshd in a later stage, cutting new logins
    // while the job already runs. The user's password is locked, so password logins cannot succeed.
    // Replace whatever host keys the image has with ours only: nothing to trust on first use,
    // and no key generation (3–10 s under TCG): the only type listed is the one given below
    // (an empty list would fail cloud-init's schema check).
    ssh_deletekeys: true,
    ssh_genkeytypes: ["ed25519"],
    ssh_keys: {
      ed25519_private: spec.hostKey.privateKey,
      ed25519_public: spec.hostKey.publicKey
    }
  };
  return `#cloud-config
${(0, import_yaml2.stringify)(config, { lineWidth: 0 })}`;
}
function cloudConfigDocuments(spec) {
  return { "user-data": userData(spec), "meta-data": metaData(spec) };
}

// src/seed/ignition.ts
var IGNITION_VERSION = "3.4.0";
function file(path, mode, text) {
  return { path, mode, overwrite: true, contents: { source: `data:;base64,${Buffer.from(text).toString("base64")}` } };
}
function ignitionConfig(spec) {
  const group = spec.guest.adminGroup ?? "wheel";
  const config = {
    ignition: { version: IGNITION_VERSION },
    passwd: {
      users: [{ name: spec.user, sshAuthorizedKeys: [...spec.authorizedKeys], groups: [group] }]
    },
    storage: {
      files: [
        file("/etc/ssh/ssh_host_ed25519_key", 384, `${spec.hostKey.privateKey.trim()}
`),
        file("/etc/ssh/ssh_host_ed25519_key.pub", 420, `${spec.hostKey.publicKey.trim()}
`),
        file("/etc/hostname", 420, `${spec.hostname}
`),
        file("/etc/sudoers.d/90-solstice", 288, `${spec.user} ALL=(ALL) NOPASSWD:ALL
`)
      ]
    },
    systemd: {
      units: [
        {
          name: "solstice-sshd-slirp.service",
          enabled: true,
          contents: [
            "[Unit]",
            "Description=Solstice: exempt the SLIRP gateway from sshd penalties",
            "Before=sshd.service sshd.socket",
            "[Service]",
            "Type=oneshot",
            `ExecStart=/bin/sh -c ${JSON.stringify(EXEMPT_SLIRP_GATEWAY)}`,
            "[Install]",
            "WantedBy=multi-user.target",
            ""
          ].join("\n")
        }
      ]
    }
  };
  return JSON.stringify(config);
}

// src/seed/cpio.ts
var MAGIC = "070707";
var REGULAR_FILE = 32768;
var TRAILER = "TRAILER!!!";
var SECTOR = 512;
function octal(value, width) {
  const text = value.toString(8);
  if (text.length > width) throw new Error(`cpio: ${value} does not fit ${width} octal digits`);
  return text.padStart(width, "0");
}
function member(name, mode, data, inode, mtime) {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === TRAILER) throw new Error(`cpio: unsupported member name '${name}'`);
  const nameBytes = Buffer.from(`${name}\0`, "ascii");
  const header = MAGIC + octal(0, 6) + // dev
  octal(inode, 6) + // ino: distinct, or readers take members for hard links of each other
  octal(mode, 6) + octal(0, 6) + // uid
  octal(0, 6) + // gid
  octal(1, 6) + // nlink
  octal(0, 6) + // rdev
  octal(mtime, 11) + octal(nameBytes.length, 6) + octal(data.length, 11);
  return Buffer.concat([Buffer.from(header, "ascii"), nameBytes, data]);
}
function buildCpio(files, modified = /* @__PURE__ */ new Date()) {
  const mtime = Math.floor(modified.getTime() / 1e3);
  const parts = files.map(
    (file2, index) => member(file2.name, REGULAR_FILE | file2.mode & 4095, file2.data, index + 1, mtime)
  );
  const trailer = Buffer.from(
    // dev, ino, mode, uid, gid all zero; nlink 1; rdev, mtime zero; the name; no data.
    MAGIC + octal(0, 5 * 6) + octal(1, 6) + octal(0, 6) + octal(0, 11) + octal(TRAILER.length + 1, 6) + octal(0, 11) + `${TRAILER}\0`,
    "ascii"
  );
  const archive = Buffer.concat([...parts, trailer]);
  const padded = Buffer.alloc(Math.ceil(archive.length / SECTOR) * SECTOR);
  archive.copy(padded);
  return padded;
}

// src/seed/host-key-script.ts
var HOST_KEY_INSTALLED = "solstice: the job's SSH host key is installed";
function hostKeyScript(spec) {
  const { userland } = spec.guest;
  const install = userland.sshd === "dropbear" ? [
    "mkdir -p /etc/dropbear",
    "rm -f /etc/dropbear/dropbear_*_host_key",
    "solstice_tmp=/etc/dropbear/.solstice-host-key",
    `printf '%s\\n' "$solstice_private" > "$solstice_tmp"`,
    'dropbearconvert openssh dropbear "$solstice_tmp" /etc/dropbear/dropbear_ed25519_host_key >/dev/null',
    "solstice_status=$?",
    'rm -f "$solstice_tmp"',
    '[ "$solstice_status" -eq 0 ] || { echo "solstice: dropbearconvert could not convert the host key" >&2; exit 1; }'
  ] : [
    "mkdir -p /etc/ssh",
    "rm -f /etc/ssh/ssh_host_*key /etc/ssh/ssh_host_*key.pub",
    `printf '%s\\n' "$solstice_private" > /etc/ssh/ssh_host_ed25519_key`,
    `printf '%s\\n' "$solstice_public" > /etc/ssh/ssh_host_ed25519_key.pub`,
    "chmod 600 /etc/ssh/ssh_host_ed25519_key",
    "chmod 644 /etc/ssh/ssh_host_ed25519_key.pub",
    EXEMPT_SLIRP_GATEWAY_ANYWHERE
  ];
  return [
    "#!/bin/sh",
    `# Solstice (${spec.instanceId}): this VM's SSH host key, which the job's client pins.`,
    "umask 077",
    `solstice_private=${shellQuote(spec.hostKey.privateKey.trim())}`,
    `solstice_public=${shellQuote(spec.hostKey.publicKey.trim())}`,
    ...install,
    `${userland.sshdReload} || { echo "solstice: could not make the SSH server take the new host key" >&2; exit 1; }`,
    `echo ${shellQuote(HOST_KEY_INSTALLED)}`,
    ""
  ].join("\n");
}

// src/seed/illumos-cpio.ts
function illumosCpioFiles(spec) {
  return [
    { name: "nodename", data: Buffer.from(`${spec.hostname}
`), mode: 420 },
    { name: "authorized_keys", data: Buffer.from(spec.authorizedKeys.map((key) => `${key}
`).join("")), mode: 384 },
    { name: "firstboot.sh", data: Buffer.from(hostKeyScript(spec)), mode: 448 }
  ];
}
function illumosCpioDisk(spec, modified) {
  return buildCpio(illumosCpioFiles(spec), modified);
}

// src/seed/iso9660.ts
var SECTOR2 = 2048;
var FIRST_VD_SECTOR = 16;
var PATH_TABLE_SECTOR = FIRST_VD_SECTOR + 3;
var PATH_TABLE_SIZE = 10;
var FLAG_DIRECTORY = 2;
var MAX_FILE_SIZE = 4294967295;
var JOLIET_FORBIDDEN = /[\u0000-\u001f*/:;?\\]/;
function buildIso(options) {
  const { volumeId, files } = options;
  const modified = options.modified ?? /* @__PURE__ */ new Date();
  validate(volumeId, files, modified);
  const primaryNames = primaryIdentifiers(files.map((f) => f.name));
  const primaryEntries = files.map((f, i) => ({ id: Buffer.from(primaryNames[i], "ascii"), file: f, index: i }));
  const jolietEntries = files.map((f, i) => ({ id: ucs2(f.name), file: f, index: i }));
  primaryEntries.sort((a, b) => comparePrimaryIds(primaryNames[a.index], primaryNames[b.index]));
  jolietEntries.sort((a, b) => Buffer.compare(a.id, b.id));
  const primaryRootSector = PATH_TABLE_SECTOR + 4;
  const primaryRootSize = directorySize(primaryEntries.map((e) => e.id.length));
  const jolietRootSector = primaryRootSector + primaryRootSize / SECTOR2;
  const jolietRootSize = directorySize(jolietEntries.map((e) => e.id.length));
  let nextSector = jolietRootSector + jolietRootSize / SECTOR2;
  const extents = files.map((f) => {
    if (f.data.length === 0) return 0;
    const start = nextSector;
    nextSector += sectorsFor(f.data.length);
    return start;
  });
  const totalSectors = nextSector;
  const image = Buffer.alloc(totalSectors * SECTOR2);
  const root = (sector, size) => ({
    id: Buffer.of(0),
    extent: sector,
    size,
    flags: FLAG_DIRECTORY
  });
  writeVolumeDescriptor(image, FIRST_VD_SECTOR, {
    joliet: false,
    volumeId,
    totalSectors,
    modified,
    pathTableSector: PATH_TABLE_SECTOR,
    root: root(primaryRootSector, primaryRootSize)
  });
  writeVolumeDescriptor(image, FIRST_VD_SECTOR + 1, {
    joliet: true,
    volumeId,
    totalSectors,
    modified,
    pathTableSector: PATH_TABLE_SECTOR + 2,
    root: root(jolietRootSector, jolietRootSize)
  });
  writeTerminator(image, FIRST_VD_SECTOR + 2);
  writePathTables(image, PATH_TABLE_SECTOR, primaryRootSector);
  writePathTables(image, PATH_TABLE_SECTOR + 2, jolietRootSector);
  const toRecord = (e) => ({
    id: e.id,
    extent: extents[e.index],
    size: e.file.data.length,
    flags: 0
  });
  writeDirectory(image, { sector: primaryRootSector, size: primaryRootSize }, primaryEntries.map(toRecord), modified);
  writeDirectory(image, { sector: jolietRootSector, size: jolietRootSize }, jolietEntries.map(toRecord), modified);
  files.forEach((f, i) => image.set(f.data, extents[i] * SECTOR2));
  return image;
}
function validate(volumeId, files, modified) {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(volumeId)) {
    throw new Error(`Invalid ISO volume id ${JSON.stringify(volumeId)}: use 1-32 characters of A-Z, a-z, 0-9, _.`);
  }
  const year = modified.getUTCFullYear();
  if (Number.isNaN(modified.getTime()) || year < 1900 || year > 2155) {
    throw new Error(`Invalid ISO timestamp ${String(modified)}: directory records hold years 1900-2155 only.`);
  }
  const seen = /* @__PURE__ */ new Set();
  for (const { name, data } of files) {
    const shown = JSON.stringify(name);
    if (name.length === 0 || name.length > 64) {
      throw new Error(`Invalid ISO file name ${shown}: must be 1-64 characters (Joliet limit).`);
    }
    if (JOLIET_FORBIDDEN.test(name)) {
      throw new Error(`Invalid ISO file name ${shown}: '/', control characters and * : ; ? \\ are not allowed.`);
    }
    if (name.endsWith(".")) throw new Error(`Invalid ISO file name ${shown}: must not end with '.'.`);
    if (/[\ud800-\udfff]/.test(name)) {
      throw new Error(`Invalid ISO file name ${shown}: Joliet is UCS-2, characters outside the BMP are not allowed.`);
    }
    if (seen.has(name)) throw new Error(`Duplicate ISO file name ${shown}.`);
    seen.add(name);
    if (data.length > MAX_FILE_SIZE) {
      throw new Error(`ISO file ${shown} is ${data.length} bytes; the limit is ${MAX_FILE_SIZE}.`);
    }
  }
}
function primaryIdentifiers(names2) {
  const used = /* @__PURE__ */ new Set();
  return names2.map((name) => {
    const dot = name.lastIndexOf(".");
    const clean = (s) => s.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
    const base = clean(dot > 0 ? name.slice(0, dot) : name).slice(0, 8);
    const ext = dot > 0 ? clean(name.slice(dot + 1)).slice(0, 3) : "";
    let id = `${base}.${ext};1`;
    for (let n = 1; used.has(id); n++) {
      const suffix = String(n);
      id = `${base.slice(0, 8 - suffix.length)}${suffix}.${ext};1`;
    }
    used.add(id);
    return id;
  });
}
function comparePrimaryIds(a, b) {
  const [aBase = "", aExt = ""] = a.split(/[.;]/);
  const [bBase = "", bExt = ""] = b.split(/[.;]/);
  return aBase < bBase ? -1 : aBase > bBase ? 1 : aExt < bExt ? -1 : aExt > bExt ? 1 : 0;
}
function ucs2(text) {
  return Buffer.from(text, "utf16le").swap16();
}
function sectorsFor(bytes) {
  return Math.ceil(bytes / SECTOR2);
}
function recordLength(idLength) {
  return 33 + idLength + (idLength % 2 === 0 ? 1 : 0);
}
function directorySize(idLengths) {
  let sectors = 1;
  let used = 2 * recordLength(1);
  for (const len of idLengths) {
    const rec = recordLength(len);
    if (used + rec > SECTOR2) {
      sectors++;
      used = 0;
    }
    used += rec;
  }
  return sectors * SECTOR2;
}
function writeDirectory(image, { sector, size }, files, when) {
  const self = { id: Buffer.of(0), extent: sector, size, flags: FLAG_DIRECTORY };
  const parent = { ...self, id: Buffer.of(1) };
  const start = sector * SECTOR2;
  let offset = start;
  for (const record of [self, parent, ...files]) {
    const len = recordLength(record.id.length);
    const sectorEnd = start + (Math.floor((offset - start) / SECTOR2) + 1) * SECTOR2;
    if (offset + len > sectorEnd) offset = sectorEnd;
    writeRecord2(image, offset, record, when);
    offset += len;
  }
}
function writeRecord2(buf, at, record, when) {
  buf[at] = recordLength(record.id.length);
  buf[at + 1] = 0;
  writeBoth32(buf, at + 2, record.extent);
  writeBoth32(buf, at + 10, record.size);
  writeShortDate(buf, at + 18, when);
  buf[at + 25] = record.flags;
  writeBoth16(buf, at + 28, 1);
  buf[at + 32] = record.id.length;
  record.id.copy(buf, at + 33);
}
function writeVolumeDescriptor(image, sector, d) {
  const at = sector * SECTOR2;
  const text = (offset, length, value = "") => {
    if (d.joliet) {
      const chars = Math.floor(length / 2);
      ucs2(value.slice(0, chars).padEnd(chars, " ")).copy(image, at + offset);
    } else {
      image.write(value.padEnd(length, " "), at + offset, length, "ascii");
    }
  };
  image[at] = d.joliet ? 2 : 1;
  image.write("CD001", at + 1, "ascii");
  image[at + 6] = 1;
  text(8, 32);
  text(40, 32, d.volumeId);
  writeBoth32(image, at + 80, d.totalSectors);
  if (d.joliet) image.write("%/E", at + 88, "ascii");
  writeBoth16(image, at + 120, 1);
  writeBoth16(image, at + 124, 1);
  writeBoth16(image, at + 128, SECTOR2);
  writeBoth32(image, at + 132, PATH_TABLE_SIZE);
  image.writeUInt32LE(d.pathTableSector, at + 140);
  image.writeUInt32BE(d.pathTableSector + 1, at + 148);
  writeRecord2(image, at + 156, d.root, d.modified);
  text(190, 128);
  text(318, 128);
  text(446, 128);
  text(574, 128);
  text(702, 37);
  text(739, 37);
  text(776, 37);
  writeLongDate(image, at + 813, d.modified);
  writeLongDate(image, at + 830, d.modified);
  writeLongDate(image, at + 847, void 0);
  writeLongDate(image, at + 864, void 0);
  image[at + 881] = 1;
}
function writeTerminator(image, sector) {
  const at = sector * SECTOR2;
  image[at] = 255;
  image.write("CD001", at + 1, "ascii");
  image[at + 6] = 1;
}
function writePathTables(image, sector, rootSector) {
  for (const bigEndian of [false, true]) {
    const at = (sector + (bigEndian ? 1 : 0)) * SECTOR2;
    image[at] = 1;
    if (bigEndian) {
      image.writeUInt32BE(rootSector, at + 2);
      image.writeUInt16BE(1, at + 6);
    } else {
      image.writeUInt32LE(rootSector, at + 2);
      image.writeUInt16LE(1, at + 6);
    }
  }
}
function writeBoth16(buf, at, value) {
  buf.writeUInt16LE(value, at);
  buf.writeUInt16BE(value, at + 2);
}
function writeBoth32(buf, at, value) {
  buf.writeUInt32LE(value, at);
  buf.writeUInt32BE(value, at + 4);
}
function writeShortDate(buf, at, date) {
  buf[at] = date.getUTCFullYear() - 1900;
  buf[at + 1] = date.getUTCMonth() + 1;
  buf[at + 2] = date.getUTCDate();
  buf[at + 3] = date.getUTCHours();
  buf[at + 4] = date.getUTCMinutes();
  buf[at + 5] = date.getUTCSeconds();
  buf[at + 6] = 0;
}
function writeLongDate(buf, at, date) {
  const two = (n) => String(n).padStart(2, "0");
  const digits = date ? `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}` + two(Math.floor(date.getUTCMilliseconds() / 10)) : "0".repeat(16);
  buf.write(digits, at, "ascii");
  buf[at + 16] = 0;
}

// src/seed/tini-sh.ts
var TINI_LABEL = "CIDATA";
function tiniDocuments(spec) {
  return { "meta-data": metaData(spec), "user-data": hostKeyScript(spec) };
}

// src/seed/seed.ts
var NOCLOUD_LABEL = "cidata";
function iso(volumeId, documents) {
  const files = Object.entries(documents).map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") }));
  return buildIso({ volumeId, files });
}
function seedMedium(spec) {
  switch (spec.guest.seed) {
    case "cloud-config":
      return iso(NOCLOUD_LABEL, cloudConfigDocuments(spec));
    case "tini-sh":
      return iso(TINI_LABEL, tiniDocuments(spec));
    case "cloudbase-init":
      return iso(NOCLOUD_LABEL, cloudbaseInitDocuments(spec));
    case "illumos-cpio":
      return illumosCpioDisk(spec);
    case "ignition":
      return Buffer.from(ignitionConfig(spec));
    case "console":
      return void 0;
    case "none":
      throw new Error("an image that reads no seed gets none (such images are refused when the inputs are read)");
  }
}
async function writeSeed(spec, path) {
  await writeFile2(path, seedMedium(spec) ?? "", { mode: 384 });
}

// src/engine/guest-identity.ts
async function prepareIdentity({ config, clock, signal }, base, request3) {
  const loginKey = generateEd25519(`solstice-${request3.name}`);
  const hostKey = generateEd25519(`solstice-host-${request3.name}`);
  const files = jobFiles(request3.job.path);
  const seed = {
    instanceId: request3.name,
    hostname: request3.hostname,
    user: config.user,
    authorizedKeys: [loginKey.publicKey],
    hostKey,
    guest: config.guest
  };
  const [uefi] = await Promise.all([
    prepareFirmware(config.machine.arch, config.machine.firmware, request3.firmwareDirectory),
    clock.time("overlay", createOverlay(base.image, request3.disk, config.diskSizeBytes, signal)),
    clock.time("seed", writeSeed(seed, files.seed))
  ]);
  return {
    job: request3.job,
    files,
    disk: request3.disk,
    consoleLogPath: request3.consoleLogPath,
    uefi,
    loginKey,
    hostKey,
    seed
  };
}

// src/image/checksum-file.ts
import { posix as posix3 } from "node:path";
var BSD_LINE = /^([A-Za-z0-9-]+) ?\((.+)\) ?= ?([0-9A-Fa-f]+)$/;
var GNU_LINE = /^(\\?)([0-9A-Fa-f]+) [ *]?(.+)$/;
var BARE_DIGEST = /^[0-9A-Fa-f]+$/;
var ALGORITHM_BY_HEX_LENGTH = new Map(
  Object.entries(DIGEST_HEX_LENGTH).map(([algorithm, length]) => [length, algorithm])
);
var NAMES_SHOWN2 = 5;
function parseChecksumFile(text, fileName, source = "the checksum file") {
  return inspectChecksumFile(text, fileName, source).digest;
}
function inspectChecksumFile(text, fileName, source = "the checksum file") {
  const wanted = posix3.basename(fileName);
  const { lines, clearsigned } = unwrapClearsigned(splitLines(text), source);
  const content = lines.map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  const entries = content.map(parseEntry).filter((entry) => entry !== void 0);
  if (entries.length === 0) {
    const bare = content.length === 1 ? bareDigest(content[0]) : void 0;
    if (bare) return { digest: bare, format: "bare", clearsigned };
    const first = content[0] === void 0 ? "it is empty" : `its first line is '${content[0].slice(0, 80)}'`;
    throw new SolsticeError(
      `${source} is not a checksum file (${first}): expected lines like '<hex>  ${wanted}' or 'SHA256 (${wanted}) = <hex>'. The URL may point at an error page or the wrong file.`
    );
  }
  const matches = entries.filter((entry) => posix3.basename(entry.name) === wanted);
  if (matches.length === 0) throw missingEntry(entries, wanted, source);
  const usable = matches.filter((entry) => entry.algorithm !== void 0);
  if (usable.length === 0) {
    const labels = [...new Set(matches.map((entry) => entry.label))].join(", ");
    throw new SolsticeError(
      `${source} gives ${wanted} only a ${labels} digest; Solstice verifies sha256 or sha512. Use the publisher's SHA256 or SHA512 checksum file, or pin the digest with image-checksum.`
    );
  }
  const algorithm = usable.some((entry) => entry.algorithm === "sha512") ? "sha512" : "sha256";
  const chosen = usable.filter((entry) => entry.algorithm === algorithm);
  const digests = new Set(chosen.map((entry) => entry.hex));
  if (digests.size > 1) {
    throw new SolsticeError(
      `${source} lists ${digests.size} different ${algorithm} digests for ${wanted}; it cannot be trusted. Fetch it again later, or pin the digest with image-checksum.`
    );
  }
  return { digest: { algorithm, hex: chosen[0].hex }, format: chosen[0].format, clearsigned };
}
function splitLines(text) {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}
var SIGNED_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
var SIGNATURE_BEGIN = "-----BEGIN PGP SIGNATURE-----";
var SIGNATURE_END = "-----END PGP SIGNATURE-----";
var ARMOR_HEADER = /^[A-Za-z][A-Za-z0-9-]*: \S/;
function unwrapClearsigned(lines, source) {
  const start = lines.findIndex((line) => line.trim() === SIGNED_MESSAGE);
  if (start === -1) return { lines, clearsigned: false };
  const malformed = (what) => new SolsticeError(`${source} is a PGP signed message but ${what}: it is truncated or corrupt. Fetch it again.`);
  let bodyStart = start + 1;
  for (; bodyStart < lines.length && lines[bodyStart].trim() !== ""; bodyStart++) {
    if (!ARMOR_HEADER.test(lines[bodyStart]))
      throw malformed(`its header has the line '${lines[bodyStart].slice(0, 80)}'`);
  }
  const signature = lines.findIndex((line, index) => index > bodyStart && line.trim() === SIGNATURE_BEGIN);
  if (signature === -1) throw malformed("has no signature block");
  const end = lines.findIndex((line, index) => index > signature && line.trim() === SIGNATURE_END);
  if (end === -1) throw malformed("its signature block does not end");
  if ([...lines.slice(0, start), ...lines.slice(end + 1)].some((line) => line.trim() !== "")) {
    throw malformed("it has text outside the signed message");
  }
  const body = lines.slice(bodyStart + 1, signature).map((line) => line.startsWith("- ") ? line.slice(2) : line);
  return { lines: body, clearsigned: true };
}
function parseEntry(line) {
  const bsd = BSD_LINE.exec(line);
  if (bsd) {
    const algorithm = bsd[1].toLowerCase();
    const hex = bsd[3].toLowerCase();
    const known = Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) && hex.length === DIGEST_HEX_LENGTH[algorithm];
    return {
      name: bsd[2],
      algorithm: known ? algorithm : void 0,
      label: bsd[1],
      hex,
      format: "bsd"
    };
  }
  const gnu = GNU_LINE.exec(line);
  if (gnu) {
    const hex = gnu[2].toLowerCase();
    const name = gnu[1] === "\\" ? unescapeGnuName(gnu[3]) : gnu[3];
    return {
      name,
      algorithm: ALGORITHM_BY_HEX_LENGTH.get(hex.length),
      label: `${hex.length * 4}-bit`,
      hex,
      format: "gnu"
    };
  }
  return void 0;
}
function unescapeGnuName(name) {
  return name.replace(/\\([\\n])/g, (_, escaped) => escaped === "n" ? "\n" : "\\");
}
function bareDigest(line) {
  if (!BARE_DIGEST.test(line)) return void 0;
  const algorithm = ALGORITHM_BY_HEX_LENGTH.get(line.length);
  return algorithm ? { algorithm, hex: line.toLowerCase() } : void 0;
}
function missingEntry(entries, wanted, source) {
  const names2 = [...new Set(entries.map((entry) => posix3.basename(entry.name)))];
  const common = (a, b) => {
    let length = 0;
    while (length < Math.min(a.length, b.length) && a[length] === b[length]) length++;
    return length;
  };
  const reverse = (text) => [...text].reverse().join("");
  const score = (name) => common(name, wanted) + common(reverse(name), reverse(wanted));
  const closest = [...names2].sort((a, b) => score(b) - score(a)).slice(0, NAMES_SHOWN2);
  const listed = names2.length > closest.length ? `${names2.length} files, the closest: ` : `${names2.length === 1 ? "only " : ""}`;
  return new SolsticeError(
    `${source} has no entry for ${wanted}; it lists ${listed}${closest.join(", ")}. The image URL and the checksum file do not belong together: check both.`
  );
}

// src/image/published-checksum.ts
var FETCH_TIMEOUT_MS = 3e4;
async function fetchPublishedDigest(source, reporter, signal) {
  const shown = displayUrl(source.url);
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let text;
  try {
    const response = await fetch(source.url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: "follow"
    });
    if (!response.ok) throw new SolsticeError(`the server answered HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw new CancelledError();
    const why = timeout.aborted ? `no answer within ${FETCH_TIMEOUT_MS / 1e3} s` : error.cause instanceof Error ? error.cause.message : error.message;
    throw new SolsticeError(
      `Fetching the publisher's checksum file ${shown} failed: ${why}. The image is only used when it matches that file; check that the runner can reach it.`
    );
  }
  const digest = parseChecksumFile(text, source.fileName, shown);
  reporter.info(
    `The publisher's ${source.fileName}: ${digest.algorithm}:${digest.hex} (from ${shown}${source.clearsigned ? "; its PGP signature is not checked" : ""}).`
  );
  return digest;
}

// src/engine/image-request.ts
async function imageRequest(image, cacheDir, reporter, signal) {
  const checksum = image.checksum ?? (image.publishedChecksum ? await fetchPublishedDigest(image.publishedChecksum, reporter, signal) : void 0);
  return {
    source: image.source,
    cacheDir,
    compression: image.compression,
    ...image.archive ? { archive: image.archive } : {},
    ...checksum ? { checksum } : {},
    ...image.maxSize !== void 0 ? { maxSize: image.maxSize } : {}
  };
}

// src/engine/prepare.ts
async function prepareJob(scope, job) {
  const { config, signal } = scope;
  const debugKeys = config.debug.mode === "never" ? void 0 : settle(fetchGitHubKeys(config.debug.logins, config.debug.githubApiUrl, config.debug.githubToken, signal));
  const base = await prepareMachineBase(scope);
  const identity = await prepareIdentity(scope, base, {
    job,
    name: job.vmName,
    hostname: job.vmName,
    disk: jobFiles(job.path).disk,
    firmwareDirectory: job.path,
    consoleLogPath: consoleLogPath(scope.tempRoot, job)
  });
  throwIfCancelled(signal);
  return { ...base, ...identity, debugKeys };
}
async function prepareMachineBase({ config, reporter, clock, signal, remoteImages }) {
  const accelDecision = clock.time("accel-probe", resolveAccel(config.accel, config.machine.arch, reporter, signal));
  if (config.accel === "kvm") await accelDecision;
  const imagePrepared = imageRequest(config.image, config.cacheDir, reporter, signal).then(
    (request3) => clock.time("image", prepareImage(request3, reporter, signal, remoteImages ? { remoteStore: remoteImages } : {}))
  );
  const [accel, image] = await Promise.all([accelDecision, imagePrepared]);
  if (!image.verified) {
    const say = reporter.wording ?? NEUTRAL_WORDING;
    reporter.warning(
      `The image is not verified: no ${say.setting("image-checksum")} was given. Its ${image.digest.algorithm} is ${image.digest.hex}; pin it with ${say.setting("image-checksum", `${image.digest.algorithm}:${image.digest.hex}`)}`
    );
  }
  throwIfCancelled(signal);
  return { image, accel: accel.accel };
}
function settle(promise) {
  return promise.catch((error) => error instanceof Error ? error : new Error(String(error)));
}

// src/qemu/binary-identity.ts
import { stat as stat3 } from "node:fs/promises";
async function binaryIdentity(name) {
  const path = programPath(name);
  const found = path ? await stat3(path).catch(() => void 0) : void 0;
  if (path && found?.isFile()) return `${path} ${found.size} ${Math.trunc(found.mtimeMs)}`;
  return `${name} (not on PATH)`;
}

// src/engine/start/boot-retry.ts
var CRASH_SIGNALS = /* @__PURE__ */ new Set(["SIGSEGV", "SIGABRT", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP"]);
var QUIET_CONSOLE_MS = 3e4;
function bootRetryReason(failure) {
  if (failure.exit) {
    const { signal, code } = failure.exit;
    if (signal) return CRASH_SIGNALS.has(signal) ? `QEMU crashed with ${signal}` : void 0;
    return code !== 0 ? `QEMU failed with exit code ${code}` : void 0;
  }
  if (failure.panicked) return "the guest kernel panicked";
  const waited = failure.timedOut;
  if (!waited || waited.guestAnswers) return void 0;
  const quiet2 = waited.consoleQuietMs >= Math.min(QUIET_CONSOLE_MS, waited.waitedMs / 2);
  return quiet2 ? `the boot hung: the console went quiet for ${Math.round(waited.consoleQuietMs / 1e3)} s and the guest never answered on the network` : void 0;
}
async function observeBootFailure(watch, port, startedAt) {
  if (watch.loss) return watch.loss.exit ? { exit: watch.loss.exit } : { panicked: true };
  const now = Date.now();
  return {
    timedOut: {
      guestAnswers: await guestAnswers(port),
      consoleQuietMs: now - (watch.consoleLineAt ?? startedAt),
      waitedMs: now - startedAt
    }
  };
}
var ANSWER_WAIT_MS = 1500;
async function guestAnswers(port) {
  const probe = await probeBanner(port, ANSWER_WAIT_MS);
  return probe === "banner" || probe === "refused";
}

// src/engine/start/console-provision.ts
import { randomBytes as randomBytes2 } from "node:crypto";

// src/console/console-session.ts
import { connect } from "node:net";
var MAX_KEPT = 64 * 1024;
var CONNECT_ATTEMPTS = 50;
var CONNECT_PAUSE_MS = 100;
var ConsoleSession = class _ConsoleSession {
  constructor(socket) {
    this.socket = socket;
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => {
      this.text += chunk;
      if (this.text.length > MAX_KEPT) {
        const drop = this.text.length - MAX_KEPT;
        this.text = this.text.slice(drop);
        this.from = Math.max(0, this.from - drop);
      }
      this.lastOutputAt = Date.now();
      this.wake?.();
    });
    socket.on("close", () => {
      this.closedBecause ??= "the console connection closed (QEMU exited?)";
      this.wake?.();
    });
    socket.on("error", (error) => {
      this.closedBecause = `the console connection failed: ${error.message}`;
      this.wake?.();
    });
  }
  socket;
  text = "";
  /** Where the text not yet searched starts (a `waitFor` looks only at what came after the last send). */
  from = 0;
  lastOutputAt = Date.now();
  closedBecause;
  wake;
  /** Connects to QEMU's console socket, which appears a moment after QEMU starts. */
  static async open(path, signal) {
    for (let attempt = 1; ; attempt++) {
      try {
        const socket = await new Promise((resolve3, reject) => {
          const candidate = connect(path);
          candidate.once("connect", () => resolve3(candidate));
          candidate.once("error", reject);
        });
        return new _ConsoleSession(socket);
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS)
          throw new SolsticeError(`Could not open the serial console (${path}): ${error.message}`);
        await sleep(CONNECT_PAUSE_MS, signal);
      }
    }
  }
  /** Milliseconds since the guest last printed anything. */
  get quietMs() {
    return Date.now() - this.lastOutputAt;
  }
  /** The console's recent text, for messages and for reading what a command printed. */
  recent(characters = 2e3) {
    return this.text.slice(-characters);
  }
  /** Sends `text` as typed keys; later waits look only at what the guest prints after it. */
  type(text) {
    this.from = this.text.length;
    this.lastOutputAt = Date.now();
    this.socket.write(text, "latin1");
  }
  /**
   * Waits until the text printed since the last `type` matches one of `patterns`; returns the index of
   * the first that does and its match. Past `deadline` it fails, naming `what`. With `nudge`, its keys
   * are typed whenever the guest has printed nothing for a while (Enter at a login prompt that scrolled by).
   */
  async waitFor(patterns, deadline, signal, what, nudge) {
    const found = await this.scan(patterns, deadline, signal, what, () => {
      if (nudge && this.quietMs >= nudge.afterMs) this.type(nudge.keys);
      return "wait";
    });
    if (!found) throw new SolsticeError(`The serial console did not show ${what} in time.`);
    return found;
  }
  /**
   * Like waitFor for something that comes at once or not at all (a password prompt): undefined once the
   * guest has printed nothing for `quietMs`, or after `maxMs`.
   */
  settle(patterns, quietMs, maxMs, signal) {
    return this.scan(
      patterns,
      Date.now() + maxMs,
      signal,
      "an answer",
      () => this.quietMs >= quietMs ? "stop" : "wait"
    );
  }
  /** Matches `patterns` as output arrives until `deadline` (then undefined), or until `onIdle` says stop. */
  async scan(patterns, deadline, signal, what, onIdle) {
    for (; ; ) {
      const window = this.text.slice(this.from);
      for (const [index, pattern] of patterns.entries()) {
        const match = pattern.exec(window);
        if (match) return { index, match };
      }
      if (signal.aborted) throw new CancelledError();
      if (this.closedBecause)
        throw new SolsticeError(`Waiting for ${what} on the serial console: ${this.closedBecause}.`);
      const left = deadline - Date.now();
      if (left <= 0 || onIdle() === "stop") return void 0;
      await new Promise((resolve3) => {
        const timer = setTimeout(resolve3, Math.min(left, 250));
        this.wake = () => {
          clearTimeout(timer);
          resolve3();
        };
      });
      this.wake = void 0;
    }
  }
  close() {
    this.socket.destroy();
  }
};

// src/seed/console-script.ts
var MAX_TYPED_LINE = 200;
var SSHD_CONFIG_FIRST = [
  // The first value of a keyword wins: these lines go first. Names every OpenSSH since 5.x knows.
  "PermitEmptyPasswords no",
  "PasswordAuthentication no",
  "ChallengeResponseAuthentication no"
];
function hostKeyLines({ sshd }) {
  if (sshd === "dropbear")
    return [
      "mkdir -p /etc/dropbear",
      "rm -f /etc/dropbear/dropbear_*_host_key",
      'dropbearkey -t ed25519 -f /etc/dropbear/dropbear_ed25519_host_key >/dev/null 2>&1 || fail "dropbearkey failed"',
      "solstice_pub=$(dropbearkey -y -f /etc/dropbear/dropbear_ed25519_host_key | grep '^ssh-ed25519 ')"
    ];
  return [
    "rm -f /etc/ssh/ssh_host_*key /etc/ssh/ssh_host_*key.pub",
    "ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key || fail 'ssh-keygen failed'",
    "solstice_pub=$(cat /etc/ssh/ssh_host_ed25519_key.pub)",
    "cp /etc/ssh/sshd_config /etc/ssh/sshd_config.before-solstice",
    `{ printf '%s\\n' ${SSHD_CONFIG_FIRST.map(shellQuote).join(" ")}; cat /etc/ssh/sshd_config.before-solstice; } > /etc/ssh/sshd_config`,
    ...EXEMPT_SLIRP_GATEWAY_ANYWHERE.split("\n")
  ];
}
function consoleScript(provision) {
  const { user, authorizedKey, userland, nonce } = provision;
  return [
    'fail() { echo "solstice: $*"; exit 1; }',
    `solstice_user=${shellQuote(user)}`,
    `solstice_home=$(awk -F: -v u="$solstice_user" '$1 == u { print $6 }' /etc/passwd)`,
    '[ -n "$solstice_home" ] || fail "no user $solstice_user in /etc/passwd"',
    'for f in /root/.ssh/authorized_keys /root/.ssh/authorized_keys2 /home/*/.ssh/authorized_keys /home/*/.ssh/authorized_keys2; do rm -f "$f"; done',
    'mkdir -p "$solstice_home/.ssh" || fail "cannot make $solstice_home/.ssh"',
    `printf '%s\\n' ${shellQuote(authorizedKey)} > "$solstice_home/.ssh/authorized_keys"`,
    'chmod 700 "$solstice_home/.ssh"; chmod 600 "$solstice_home/.ssh/authorized_keys"',
    'chown -R "$solstice_user" "$solstice_home/.ssh"',
    "for f in /etc/shadow /etc/master.passwd; do",
    '  [ -f "$f" ] || continue',
    `  for a in $(awk -F: '$2 == "" { print $1 }' "$f"); do`,
    '    passwd -l "$a" >/dev/null 2>&1 || usermod -C yes "$a" >/dev/null 2>&1 || pw lock "$a" >/dev/null 2>&1 || fail "cannot lock $a"',
    "  done",
    "done",
    ...hostKeyLines(userland),
    `${userland.sshdReload} || fail 'the SSH server did not take the new settings'`,
    `echo "SOLSTICE_KEY_$((1+1))_${nonce} $solstice_pub"`
  ];
}
var keyMarker = (nonce) => `SOLSTICE_KEY_2_${nonce}`;
var ACK_ROOM = 50;
var ackCommand = (n, nonce) => `echo "SOLSTICE_ACK_$((${n}+0))_${nonce}"`;
var ackMarker = (n, nonce) => `SOLSTICE_ACK_${n}_${nonce}`;
var runCommand = (path, nonce) => `sh ${shellQuote(path)}; echo "SOLSTICE_DONE_$((40+2))_${nonce}_$?"`;
var doneMarker = (nonce) => new RegExp(`SOLSTICE_DONE_42_${nonce}_(\\d+)`);
function typingCommands(lines, path) {
  const target = '"$sf"';
  const commands = [`sf=${shellQuote(path)}; : > ${target}`];
  const room = MAX_TYPED_LINE - `printf '%s\\n'  >> ${target}; `.length - ACK_ROOM;
  for (const line of lines) {
    let rest = line;
    while (shellQuote(rest).length > room) {
      let cut = room;
      while (shellQuote(rest.slice(0, cut)).length > room) cut -= 8;
      commands.push(`printf '%s' ${shellQuote(rest.slice(0, cut))} >> ${target}`);
      rest = rest.slice(cut);
    }
    commands.push(`printf '%s\\n' ${shellQuote(rest)} >> ${target}`);
  }
  return batched(commands, MAX_TYPED_LINE - ACK_ROOM);
}
function batched(commands, room) {
  const lines = [];
  for (const command of commands) {
    const last = lines.at(-1);
    if (last !== void 0 && last.length + 2 + command.length <= room) lines[lines.length - 1] = `${last}; ${command}`;
    else lines.push(command);
  }
  return lines;
}

// src/engine/start/console-provision.ts
var LOGIN_PROMPT = /login: ?/i;
var PASSWORD_PROMPT = /password: ?/i;
var LOGIN_REFUSED = /login incorrect|authentication failure|permission denied/i;
var NUDGE_AFTER_MS = 8e3;
var PASSWORD_PROMPT_WAIT_MS = 5e3;
var QUIET_AFTER_LOGIN_MS = 1e3;
var LINE_DEADLINE_MS = 3e4;
var ED25519_LINE = /^ssh-ed25519 [A-Za-z0-9+/]{68}$/;
async function provisionOverConsole(request3) {
  const { login, deadline, signal } = request3;
  const nonce = randomBytes2(8).toString("hex");
  const session = await ConsoleSession.open(request3.consoleSocketPath, signal);
  const failWith = (why) => new SolsticeError(
    `${why}
The console's last output:
${quotedGuestLines(session.recent().split("\n").slice(-15))}`
  );
  const expect = (patterns, until, what) => session.waitFor(patterns, until, signal, what).catch((error) => {
    throw error instanceof CancelledError ? error : failWith(error.message);
  });
  try {
    await session.waitFor([LOGIN_PROMPT], deadline, signal, "a login prompt", { afterMs: NUDGE_AFTER_MS, keys: "\r" });
    session.type(`${login.user}\r`);
    const afterUser = await session.settle(
      [PASSWORD_PROMPT, LOGIN_REFUSED],
      QUIET_AFTER_LOGIN_MS,
      Math.min(PASSWORD_PROMPT_WAIT_MS, deadline - Date.now()),
      signal
    );
    if (afterUser?.index === 1) throw failWith(`The serial console refused the login '${login.user}'.`);
    if (afterUser?.index === 0) session.type(`${login.password}\r`);
    let step = 0;
    const say = async (command, what) => {
      step += 1;
      session.type(`${command}; ${ackCommand(step, nonce)}\r`);
      const answer = await expect(
        [new RegExp(ackMarker(step, nonce)), LOGIN_REFUSED],
        Math.min(deadline, Date.now() + LINE_DEADLINE_MS),
        what
      );
      if (answer.index !== 0)
        throw failWith(`The serial console did not accept the login '${login.user}' (or its password).`);
    };
    await say("true", "a shell after the login");
    const path = `/tmp/solstice-provision-${nonce}.sh`;
    const script = consoleScript({
      user: request3.user,
      authorizedKey: request3.authorizedKey,
      userland: request3.userland,
      nonce
    });
    for (const command of typingCommands(script, path)) await say(command, "the provisioning script being typed");
    session.type(`${runCommand(path, nonce)}\r`);
    const done = await expect([doneMarker(nonce)], deadline, "the provisioning script finishing");
    if (done.match[1] !== "0") throw failWith(`The provisioning script failed (exit status ${done.match[1]}).`);
    const hostKey = hostKeyAfterMarker(session.recent(MAX_SCRIPT_OUTPUT), keyMarker(nonce));
    if (!hostKey) throw failWith("The provisioning script printed no ed25519 host key.");
    session.type(`rm -f ${path}; exit\r`);
    await openSshForward(request3.qmp, request3.sshPort);
    return hostKey;
  } finally {
    session.close();
  }
}
var MAX_SCRIPT_OUTPUT = 8 * 1024;
function hostKeyAfterMarker(text, marker) {
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(`${marker} `);
    if (at < 0) continue;
    const key = line.slice(at + marker.length + 1).trim().split(" ").slice(0, 2).join(" ");
    if (!ED25519_LINE.test(key)) return void 0;
    try {
      publicKeyBlob(key);
      return key;
    } catch {
      return void 0;
    }
  }
  return void 0;
}

// src/qemu/vm-process.ts
import { spawn as spawn2 } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
function describeExit(exit) {
  if (exit.signal) return `killed by ${exit.signal}`;
  return exit.code === 0 ? "exit code 0: the guest powered off" : `exit code ${exit.code}`;
}
var QUIT_GRACE_MS = 500;
var TERM_GRACE_MS = 300;
var KILL_GRACE_MS = 2e3;
var QEMU_PACKAGE = {
  x86_64: "qemu-system-x86",
  aarch64: "qemu-system-arm qemu-efi-aarch64"
};
var VmProcess = class _VmProcess {
  constructor(pid, spec, stderrPath, exited) {
    this.pid = pid;
    this.spec = spec;
    this.stderrPath = stderrPath;
    this.exited = exited.then((info) => this.exitInfo = info);
  }
  pid;
  spec;
  stderrPath;
  exited;
  exitInfo;
  /**
   * Starts QEMU in its own process group (a terminal's Ctrl-C reaches only us; we decide how it stops).
   * stderr goes to a file so a failure to start can be explained.
   */
  static start(spec, stderrPath) {
    const stderrFd = openSync(stderrPath, "w");
    try {
      const binary = QEMU_BINARY[spec.arch];
      const child = spawn2(program(binary), qemuArguments(spec), {
        detached: true,
        stdio: ["ignore", "ignore", stderrFd],
        env: childEnvironment()
      });
      const exited = new Promise((resolve3) => child.once("exit", (code, signal) => resolve3({ code, signal })));
      return new Promise((resolve3, reject) => {
        child.once(
          "error",
          (error) => reject(
            error.code === "ENOENT" ? new Error(
              `${binary} was not found on PATH: install QEMU (Debian/Ubuntu: apt-get install ${QEMU_PACKAGE[spec.arch]} qemu-utils).`
            ) : error
          )
        );
        child.once("spawn", () => {
          child.unref();
          resolve3(new _VmProcess(child.pid, spec, stderrPath, exited));
        });
      });
    } finally {
      closeSync(stderrFd);
    }
  }
  get hasExited() {
    return this.exitInfo !== void 0;
  }
  /** QEMU's own error output (e.g. why it could not start). */
  async stderrText() {
    return (await readFile2(this.stderrPath, "utf8").catch(() => "")).trim();
  }
  /**
   * Stops the VM within a few seconds whatever state the guest is in: QMP `quit` (immediate, the disk
   * is throwaway so no guest shutdown is awaited), then SIGTERM, then SIGKILL.
   */
  async stop(qmp) {
    if (this.hasExited) return;
    if (qmp) {
      qmp.execute("quit", void 0, { timeoutMs: QUIT_GRACE_MS }).catch(() => {
      });
      if (await this.exitsWithin(QUIT_GRACE_MS)) return;
    }
    this.signal("SIGTERM");
    if (await this.exitsWithin(TERM_GRACE_MS)) return;
    this.signal("SIGKILL");
    await this.exitsWithin(KILL_GRACE_MS);
  }
  /** Synchronous last resort for process exit handlers. */
  killNow() {
    if (!this.hasExited) this.signal("SIGKILL");
  }
  signal(signal) {
    try {
      process.kill(this.pid, signal);
    } catch {
    }
  }
  async exitsWithin(ms) {
    let timer;
    const timeout = new Promise((resolve3) => timer = setTimeout(() => resolve3(false), ms));
    const result = await Promise.race([this.exited.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }
};

// src/qemu/start-vm.ts
var QMP_CONNECT_TIMEOUT_MS = 15e3;
var PORT_ATTEMPTS = 5;
async function startVm(spec, stderrPath, signal) {
  for (let attempt = 1; ; attempt++) {
    const vm = await VmProcess.start({ ...spec, sshPort: await freePort() }, stderrPath);
    const exitedEarly = vm.exited.then(() => "exited");
    const connecting = QmpClient.connect(spec.qmpSocketPath, { timeoutMs: QMP_CONNECT_TIMEOUT_MS, signal });
    try {
      const first = await Promise.race([connecting, exitedEarly]);
      if (first !== "exited") return { vm, qmp: first };
    } catch (error) {
      await vm.stop(void 0);
      throw error;
    }
    connecting.then(
      (qmp) => qmp.close(),
      () => {
      }
    );
    const stderr = await vm.stderrText();
    if (/host forwarding|address already in use/i.test(stderr) && attempt < PORT_ATTEMPTS) continue;
    throw new SolsticeError(`QEMU exited right after start: ${stderr || "no error output"}`);
  }
}

// src/engine/start/vm-watch.ts
var KERNEL_PANIC_LINE = /Kernel panic - not syncing: (.*?)(?: \]---)?\s*$/;
var CAUSE_GRACE_MS = 1e3;
var CONSOLE_LINES = 15;
var VmWatch = class {
  constructor(vm, console2) {
    this.vm = vm;
    this.console = console2;
    let resolveLost = () => {
    };
    this.lost = new Promise((resolve3) => resolveLost = resolve3);
    const lose = (loss) => {
      if (!this.watching || this.loss) return;
      this.loss = loss;
      resolveLost(loss);
    };
    this.stopFollowing = console2.onLine((line) => {
      this.consoleLineAt = Date.now();
      const panic = KERNEL_PANIC_LINE.exec(line);
      if (panic) lose({ what: "the guest kernel panicked", detail: guestTextInline(panic[1].trim()) });
    });
    void vm.exited.then((exit) => lose({ what: "QEMU exited", detail: describeExit(exit), exit }));
  }
  vm;
  console;
  /** What the job is doing, for messages: "boot", "the script". */
  phase = "boot";
  /** Set once the VM is lost. */
  loss;
  /** When the serial console last printed a line (undefined: not yet). */
  consoleLineAt;
  /** Resolves when the VM is lost; never rejects (and never settles if the VM lasts). */
  lost;
  watching = true;
  stopFollowing;
  /** From now on nothing counts as a loss (teardown, or a boot that is given up). */
  stop() {
    this.watching = false;
    this.stopFollowing();
  }
  /** Awaits `work`, but fails at once if the VM is lost meanwhile; a failure caused by a lost VM or SSH link says so. */
  async during(work) {
    work.catch(() => {
    });
    let first;
    try {
      first = await Promise.race([work.then((done) => ({ done })), this.lost]);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const loss = await this.cause(error);
      throw loss ? new SolsticeError(await this.message(loss)) : error;
    }
    if ("done" in first) return first.done;
    throw new SolsticeError(await this.message(first));
  }
  /** What ended the VM or the SSH link, as a clause: "QEMU exited (killed by SIGKILL)"; `error` is what a guest command failed with. */
  describe = async (error) => {
    const loss = await this.cause(error);
    if (loss) return `${loss.what}${loss.detail ? ` (${loss.detail})` : ""}`;
    return error instanceof Error ? error.message : "the VM stopped";
  };
  /** "QEMU exited during the script (killed by SIGKILL)." with what QEMU said and the console's last lines. */
  async message(loss) {
    const reason = `${loss.what[0].toUpperCase()}${loss.what.slice(1)} during ${this.phase}${loss.detail ? ` (${loss.detail})` : ""}`;
    return bootFailureMessage(
      reason,
      this.vm.hasExited ? await this.vm.stderrText() : "",
      this.console.tail(CONSOLE_LINES)
    );
  }
  /** The VM's loss, else (a lost SSH link) what the link's end says; undefined for other failures. */
  async cause(error) {
    if (this.loss || !(error instanceof ConnectionLostError)) return this.loss;
    return await Promise.race([this.lost, sleep(CAUSE_GRACE_MS)]) ?? error;
  }
};

// src/engine/start/launch.ts
async function launch(scope, request3) {
  const { config, clock, signal } = scope;
  const { plan } = request3;
  const { vm, qmp } = await clock.time(
    "qemu-start",
    startVm(
      {
        name: plan.job.vmName,
        arch: config.machine.arch,
        ...plan.uefi ? { uefi: plan.uefi } : {},
        accel: plan.accel,
        ...config.network ? {} : { isolated: true },
        cpus: config.cpus,
        memoryMiB: config.memoryMiB,
        diskPath: request3.disk,
        seed: { path: request3.seed, device: seedDevice(config.guest.seed) },
        ...config.guest.seed === "console" ? { provisionOverConsole: { consoleSocketPath: plan.files.consoleSocket } } : {},
        ...request3.warm ? { warm: request3.warm } : {},
        consoleLogPath: plan.consoleLogPath,
        qmpSocketPath: plan.files.qmpSocket,
        pidFilePath: plan.files.qemuPid
      },
      plan.files.qemuStderr,
      signal
    )
  );
  const startedAt = Date.now();
  const { watch, release } = supervise(scope, request3, vm, qmp);
  scope.reporter.info(
    `QEMU started (pid ${vm.pid}, ${plan.accel.toUpperCase()}, ${config.cpus} vCPU, ${config.memoryMiB} MiB)${request3.restoring ? `, restoring ${request3.restoring}` : ""}; ${vm.spec.provisionOverConsole ? `no SSH forward until ${request3.restoring ? "the agent has put the job's keys in" : "the guest is provisioned over its serial console"} (then 127.0.0.1:${vm.spec.sshPort})` : `SSH forwarded from 127.0.0.1:${vm.spec.sshPort}`}.`
  );
  return { vm, qmp, watch, target: sshTarget(scope, plan, vm.spec.sshPort), startedAt, release };
}
function answeringGuest(scope, launched, ssh, plan) {
  scope.teardown.add(() => ssh.end());
  const { vm, qmp, watch, target, startedAt } = launched;
  return {
    vm,
    qmp,
    watch,
    ssh,
    target,
    bootSeconds: (Date.now() - startedAt) / 1e3,
    bootTimeoutSeconds: effectiveBootTimeoutSeconds(scope.config, plan.accel)
  };
}
function sshTarget({ config }, plan, port) {
  return {
    host: "127.0.0.1",
    port,
    user: config.user,
    privateKey: plan.loginKey.privateKey,
    hostPublicKey: plan.hostKey.publicKey
  };
}
function supervise({ teardown, reporter }, { plan, console: console2 }, vm, qmp) {
  const closeQmp = teardown.add(() => qmp.close());
  const stopVm = teardown.add(() => vm.stop(qmp), { outlivesHandOver: true });
  const killOnExit = () => vm.killNow();
  process.on("exit", killOnExit);
  const forgetExitHandler = teardown.add(() => process.off("exit", killOnExit));
  const watch = new VmWatch(vm, console2);
  const stopWatch = teardown.add(() => watch.stop());
  const stopLimit = teardown.add(
    console2.onLimit(() => {
      reporter.warning(consoleLimitMessage(plan.consoleLogPath));
      dropConsoleOutput(qmp).catch(() => {
      });
    })
  );
  return {
    watch,
    release: async () => {
      await stopLimit();
      await stopWatch();
      await forgetExitHandler();
      await stopVm();
      await closeQmp();
    }
  };
}

// src/engine/start/boot.ts
function bootUntilSsh(scope, request3) {
  return retryBoots(scope, (boot) => attemptBoot(scope, request3, boot));
}
async function retryBoots({ config, reporter }, attempt) {
  for (let boot = 1; ; boot++) {
    const outcome = await attempt(boot);
    if ("guest" in outcome) return outcome.guest;
    const { failure } = outcome;
    const retry = boot <= config.bootRetries && !(failure instanceof CancelledError || failure instanceof HostKeyMismatchError) ? bootRetryReason(await outcome.observe()) : void 0;
    if (!retry) {
      throw boot > 1 ? new SolsticeError(
        (say) => `${failure.message}
That was boot ${boot} of at most ${config.bootRetries + 1} (${say.setting("boot-retries", String(config.bootRetries))}).`
      ) : failure;
    }
    reporter.warning(
      `Boot ${boot} failed: ${failure.message.split("\n")[0]} Booting again from a fresh disk, since ${retry} (${(reporter.wording ?? NEUTRAL_WORDING).setting("boot-retries", String(config.bootRetries))}).`
    );
    await outcome.release();
  }
}
async function attemptBoot(scope, request3, boot) {
  const { config, clock, signal } = scope;
  const { plan } = request3;
  if (boot > 1) await clock.time("overlay", createOverlay(plan.image, plan.disk, config.diskSizeBytes, signal));
  const launched = await launch(scope, {
    plan,
    console: request3.console,
    disk: plan.disk,
    seed: plan.files.seed,
    ...request3.warm ? { warm: request3.warm } : {}
  });
  const answered = await clock.time("ssh-ready", waitEchoingConsole(scope, request3, launched, boot));
  if (!(answered instanceof Error)) return { guest: answeringGuest(scope, launched, answered, plan) };
  return {
    failure: answered,
    observe: () => observeBootFailure(launched.watch, launched.vm.spec.sshPort, launched.startedAt),
    release: launched.release
  };
}
var STILL_PRINTING_MS = 1e4;
async function waitEchoingConsole({ config, reporter, signal }, { plan, console: console2 }, launched, boot) {
  const { watch } = launched;
  reporter.startGroup(boot === 1 ? "Boot console (serial)" : `Boot console (serial), boot ${boot}`);
  const stopEcho = console2.onLine((line) => isBlankConsoleLine(line) || reporter.guestLine(line));
  let sshdStarting = false;
  const stopSshdWatch = console2.onLine((line) => sshdStarting ||= SSHD_STARTING.test(line));
  const deadlineMs = effectiveBootTimeoutSeconds(config, plan.accel) * 1e3;
  try {
    if (config.guest.seed === "console") {
      const lostMeanwhile = watch.lost.then(async (loss) => {
        throw new SolsticeError(await watch.message(loss));
      });
      lostMeanwhile.catch(() => {
      });
      const hostPublicKey = await Promise.race([
        provisionOverConsole({
          consoleSocketPath: plan.files.consoleSocket,
          login: config.guest.console,
          user: config.user,
          authorizedKey: plan.loginKey.publicKey,
          userland: config.guest.userland,
          qmp: launched.qmp,
          sshPort: launched.vm.spec.sshPort,
          deadline: launched.startedAt + deadlineMs,
          signal
        }),
        lostMeanwhile
      ]);
      launched.target = { ...launched.target, hostPublicKey };
      reporter.info(
        "Provisioned over the serial console: the SSH forward is open, pinned to the key the console printed."
      );
    }
    return await waitForSsh(launched.target, {
      deadlineMs: Math.max(1e3, launched.startedAt + deadlineMs - Date.now()),
      vmExited: watch.lost,
      signal,
      sshdStarting: () => sshdStarting,
      hostKeyArrivesLate: installsHostKeyLate(config.guest.seed),
      describeFailure: async (reason) => watch.loss ? watch.message(watch.loss) : bootFailureMessage(
        `${reason}${plan.accel === "tcg" ? ` (TCG; ${(reporter.wording ?? NEUTRAL_WORDING).setting("boot-timeout")} ${config.bootTimeoutSeconds} s \xD7 ${TCG_BOOT_TIMEOUT_FACTOR})` : ""}. The seed was written for the first-boot reader ${describeDialect(config.guest.seed)}: if the console below shows no sign of it, the image may have another reader or none (docs/guests.md)`,
        "",
        console2.tail(15),
        Date.now() - (watch.consoleLineAt ?? 0) < STILL_PRINTING_MS ? `The console was still printing at the deadline: the guest may be slow rather than stuck${plan.accel === "tcg" ? " (software emulation is 10\u201350 \xD7 slower than KVM)" : ""}. Raise ${(reporter.wording ?? NEUTRAL_WORDING).setting("boot-timeout")} (now ${config.bootTimeoutSeconds} s) if it only needs longer.` : void 0
      )
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    stopEcho();
    stopSshdWatch();
    reporter.endGroup();
  }
}

// src/engine/start/restore.ts
import { randomBytes as randomBytes4 } from "node:crypto";
import { appendFile, copyFile as copyFile2 } from "node:fs/promises";

// src/warm/agent.ts
import { connect as connect2 } from "node:net";
import { randomBytes as randomBytes3 } from "node:crypto";
var MAX_REPLY_BYTES = 64 * 1024;
function agentStartCommand(admin) {
  const agent = [
    "for port in /sys/class/virtio-ports/*; do",
    `  [ "$(cat "$port/name" 2>/dev/null)" = ${AGENT_PORT_NAME} ] && exec sh 0<>"/dev/\${port##*/}" 1>&0 2>/dev/null`,
    "done",
    "exit 1"
  ].join("\n");
  return `${asRoot(admin)}nohup sh -c ${shellQuote(agent)} </dev/null >/dev/null 2>&1 &`;
}
var AgentSession = class _AgentSession {
  constructor(socket, marker, options) {
    this.socket = socket;
    this.marker = marker;
    this.options = options;
    socket.on("data", (chunk) => {
      this.reply += chunk.toString("latin1");
      if (this.reply.length > MAX_REPLY_BYTES)
        this.end(new SolsticeError(`the guest agent sent more than ${MAX_REPLY_BYTES} bytes without a status`));
      else this.check();
    });
    socket.once("close", () => this.end(new SolsticeError("the guest agent closed its port without a status")));
    socket.once("error", (error) => this.end(new SolsticeError(`the guest agent's port failed: ${error.message}`)));
  }
  socket;
  marker;
  options;
  reply = "";
  waiter;
  ended;
  static async open(socketPath, options) {
    const session = new _AgentSession(
      await connectAgent(socketPath),
      `SOLSTICE-AGENT-${randomBytes3(8).toString("hex")}`,
      options
    );
    try {
      await session.exchange(`echo "${session.marker} awake"
`, new RegExp(`^${session.marker} awake$`, "m"));
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }
  /** Runs `script` in a subshell (a failing command ends the script, not the agent) and returns its status. */
  async run(script) {
    const status = new RegExp(`^${this.marker} (\\d{1,3})$`, "m");
    const match = await this.exchange(`(
${script}
)
echo "${this.marker} $?"
`, status);
    return Number(match[1]);
  }
  /** Ends the agent (it exits at `exit`, or at the end of its input) and the connection. */
  close() {
    if (!this.ended) this.socket.end("exit\n");
    this.end(new SolsticeError("the agent session is closed"));
    this.socket.destroy();
  }
  exchange(text, pattern) {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve3, reject) => {
      const { deadlineMs, signal } = this.options;
      const onAbort = () => settle2(new CancelledError());
      const timer = setTimeout(
        () => settle2(new SolsticeError(`the guest agent did not answer within ${deadlineMs / 1e3} s`)),
        deadlineMs
      );
      const settle2 = (outcome) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.waiter = void 0;
        if (outcome instanceof Error) reject(outcome);
        else resolve3(outcome);
      };
      if (signal.aborted) return settle2(new CancelledError());
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiter = { pattern, done: settle2 };
      this.socket.write(text);
    });
  }
  check() {
    const match = this.waiter?.pattern.exec(this.reply);
    if (!match || !this.waiter) return;
    this.reply = this.reply.slice(match.index + match[0].length);
    this.waiter.done(match);
  }
  end(error) {
    this.ended ??= error;
    this.waiter?.done(error);
  }
};
function connectAgent(path) {
  return new Promise((resolve3, reject) => {
    const socket = connect2(path);
    socket.once("connect", () => resolve3(socket));
    socket.once("error", (error) => reject(new SolsticeError(`cannot reach the guest agent's port: ${error.message}`)));
  });
}

// src/warm/machine-state.ts
var POLL_MS = 50;
var IGNORE_SHARED = { capabilities: [{ capability: "x-ignore-shared", state: true }] };
async function saveMachineState(qmp, statePath, deadlineMs, signal) {
  await qmp.execute("migrate-set-capabilities", IGNORE_SHARED);
  await qmp.execute("stop");
  await qmp.execute("migrate", { uri: `exec:cat > ${shellQuote(statePath)}` });
  await untilMigrated(qmp, "saving the template", deadlineMs, signal);
}
async function restoreMachineState(qmp, statePath, deadlineMs, signal) {
  await qmp.execute("migrate-set-capabilities", IGNORE_SHARED);
  await qmp.execute("migrate-incoming", { uri: `exec:cat ${shellQuote(statePath)}` });
  await untilMigrated(qmp, "restoring the template", deadlineMs, signal);
  const status = await qmp.execute("query-status");
  if (status.status !== "running") await qmp.execute("cont");
}
async function untilMigrated(qmp, what, deadlineMs, signal) {
  const deadline = Date.now() + deadlineMs;
  for (; ; ) {
    if (signal.aborted) throw new CancelledError();
    const info = await qmp.execute("query-migrate");
    if (info.status === "completed") return;
    if (info.status === "failed" || info.status === "cancelled")
      throw new SolsticeError(`QEMU failed ${what}: ${info["error-desc"] ?? info.status}`);
    if (Date.now() >= deadline) throw new SolsticeError(`QEMU did not finish ${what} within ${deadlineMs / 1e3} s`);
    await sleep(POLL_MS, signal);
  }
}

// src/warm/reidentify.ts
function secureIdentityScript(job) {
  const octal2 = [...job.entropy].map((byte) => `\\${byte.toString(8).padStart(3, "0")}`).join("");
  return [
    "set -e",
    "umask 077",
    `printf '${octal2}' > /dev/urandom`,
    `{ perl -e ${shellQuote(RESEED_PERL)} || python3 -c ${shellQuote(RESEED_PYTHON)}; } 2>/dev/null || exit ${NO_RESEED_STATUS}`,
    // Builtins where they do the job: every program started costs ≈ 50–500 ms here under TCG.
    `printf '%s\\n' ${shellQuote(job.hostKey.privateKey.trim())} > /etc/ssh/ssh_host_ed25519_key`,
    `printf '%s\\n' ${shellQuote(job.hostKey.publicKey)} > /etc/ssh/ssh_host_ed25519_key.pub`,
    `printf '%s\\n' ${shellQuote(job.authorizedKey)} > ~${job.user}/.ssh/authorized_keys`,
    // OpenSSH 9.8 and later (sshd-session) load the host key in the listener: it must reload, through its
    // pid file as the units' own ExecReload does (systemctl would add a config test: ≈ 1 s). Older ones
    // re-exec sshd for each connection, which reads the new key itself: a reload would only shut the port
    // for the ≈ 0.3–1 s of its restart under TCG. Under socket activation (Ubuntu's ssh.socket) there is
    // no pid file and each connection's sshd reads the key. A newer sshd whose sshd-session lies elsewhere
    // presents the template's key: the pinned login refuses it and the job boots cold.
    `for session in ${SSHD_SESSION_PATHS.join(" ")}; do`,
    '  [ -e "$session" ] || continue',
    '  if read -r sshd < /run/sshd.pid || read -r sshd < /var/run/sshd.pid; then kill -HUP "$sshd"; fi 2>/dev/null',
    "  break",
    "done"
  ].join("\n");
}
function settleIdentityScript(job, nowMs) {
  const host = shellQuote(job.hostname);
  return [
    "set -e",
    `date -u -s @${(nowMs / 1e3).toFixed(3)} > /dev/null`,
    `echo ${host} > /proc/sys/kernel/hostname`,
    `echo ${host} > /etc/hostname`,
    `sed -i "s/\\b${job.templateHostname}\\b/${job.hostname}/g" /etc/hosts`
  ].join("\n");
}
var SSHD_SESSION_PATHS = [
  "/usr/lib/openssh/sshd-session",
  "/usr/libexec/openssh/sshd-session",
  "/usr/lib/ssh/sshd-session",
  "/usr/libexec/sshd-session"
];
var NO_RESEED_STATUS = 3;
var RESEED_PERL = 'open(my $rng, ">", "/dev/urandom") or die; ioctl($rng, 0x5207, 0) or die';
var RESEED_PYTHON = 'import fcntl, os; fcntl.ioctl(os.open("/dev/urandom", os.O_WRONLY), 0x5207)';

// src/engine/start/restore.ts
var RESTORE_TIMEOUT_SECONDS = 30;
var ENTROPY_BYTES = 64;
async function restoreClone(scope, { plan, console: console2, template }) {
  const { clock, signal } = scope;
  const deadlineMs = restoreDeadlineMs(plan.accel);
  await createOverlay(
    { path: template.files.disk, format: "qcow2", virtualSize: 0 },
    plan.files.cloneDisk,
    void 0,
    signal
  );
  await appendFile(
    plan.consoleLogPath,
    `--- Solstice: this guest is restored from the warm-start template ${shortKey(template.record.key)} at ${(/* @__PURE__ */ new Date()).toISOString()}; its boot and prepare are in ${template.files.buildConsoleLog} ---
`
  );
  if (plan.uefi) await copyFile2(template.files.uefiVars, plan.uefi.varsPath);
  const launched = await launch(scope, {
    plan,
    console: console2,
    disk: plan.files.cloneDisk,
    seed: template.files.seed,
    warm: {
      memoryPath: template.files.memory,
      role: "clone",
      agentSocketPath: plan.files.agentSocket,
      readOnlyRam: template.record.readOnlyRam
    },
    restoring: `the warm-start template ${shortKey(template.record.key)}`
  });
  try {
    await clock.time("restore-state", restoreMachineState(launched.qmp, template.files.state, deadlineMs, signal));
    const agent = await clock.time("agent", AgentSession.open(plan.files.agentSocket, { deadlineMs, signal }));
    const ssh = await makeItTheJobs(scope, { plan, template, launched, agent, deadlineMs });
    return answeringGuest(scope, launched, ssh, plan);
  } catch (error) {
    await launched.release();
    throw error;
  }
}
async function makeItTheJobs({ config, clock, signal }, { plan, template, launched, agent, deadlineMs }) {
  const { watch, target } = launched;
  let ssh;
  try {
    const job = {
      hostname: plan.job.vmName,
      templateHostname: template.record.hostname,
      user: config.user,
      authorizedKey: plan.loginKey.publicKey,
      hostKey: plan.hostKey,
      entropy: randomBytes4(ENTROPY_BYTES)
    };
    await clock.time("secure-identity", expectSuccess(agent.run(secureIdentityScript(job)), "install the job keys"));
    if (launched.vm.spec.provisionOverConsole) await openSshForward(launched.qmp, launched.vm.spec.sshPort);
    const settled = expectSuccess(agent.run(settleIdentityScript(job, Date.now())), "set the clock and hostname");
    const login = clock.time(
      "job-login",
      waitForSsh(target, {
        deadlineMs,
        vmExited: watch.lost,
        signal,
        describeFailure: async (reason) => watch.loss ? watch.message(watch.loss) : reason,
        // The restored guest's sshd runs (and is back within moments of its reload): retry closely.
        sshdStarting: () => true,
        restored: true
      })
    );
    const [settleResult, loginResult] = await Promise.allSettled([settled, login]);
    if (loginResult.status === "fulfilled") ssh = loginResult.value;
    if (settleResult.status === "rejected") throw settleResult.reason;
    if (loginResult.status === "rejected") throw loginResult.reason;
    return ssh;
  } catch (error) {
    ssh?.end();
    throw error;
  } finally {
    agent.close();
  }
}
function restoreDeadlineMs(accel) {
  return effectiveBootTimeoutSeconds({ bootTimeoutSeconds: RESTORE_TIMEOUT_SECONDS }, accel) * 1e3;
}
async function expectSuccess(status, what) {
  const code = await status;
  if (code === 0) return;
  throw new SolsticeError(
    code === NO_RESEED_STATUS ? `the guest cannot reseed its RNG (neither perl nor python3 is installed), so clones would share the template's random stream` : `the guest agent could not ${what} (exit status ${code})`
  );
}

// src/engine/start/template.ts
import { rm as rm6 } from "node:fs/promises";

// src/qemu/ram-readonly.ts
var PROBE_DEADLINE_MS2 = 1e4;
async function supportsReadOnlyRam(qemuBinary, signal) {
  const result = await execa(program(qemuBinary), ["-object", "memory-backend-file,help"], {
    stdin: "ignore",
    reject: false,
    timeout: PROBE_DEADLINE_MS2,
    ...signal ? { cancelSignal: signal } : {},
    all: true,
    env: childEnvironment(),
    extendEnv: false
  });
  return listsRomProperty(result.all ?? "");
}
function listsRomProperty(help) {
  return /^\s*rom=/m.test(help);
}

// src/engine/teardown.ts
var Teardown = class {
  closers = [];
  handedOver = false;
  /**
   * Registers `close`; with `outlivesHandOver`, the resource is left alone when the VM is handed over to
   * later steps (the VM itself, its directory). Returns a function that closes it now, out of turn
   * (a failed boot's QEMU before the next boot).
   */
  add(close, options = {}) {
    const entry = { close, outlivesHandOver: options.outlivesHandOver ?? false };
    this.closers.push(entry);
    return async () => {
      const index = this.closers.indexOf(entry);
      if (index < 0) return;
      this.closers.splice(index, 1);
      await entry.close();
    };
  }
  /** The VM stays up for later steps: closers registered with `outlivesHandOver` will not run. */
  handOver() {
    this.handedOver = true;
  }
  /** Runs every closer, newest first; one that fails does not stop the others. Returns their errors. */
  async run() {
    const errors = [];
    for (const { close, outlivesHandOver } of this.closers.splice(0).reverse()) {
      if (outlivesHandOver && this.handedOver) continue;
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }
};

// src/engine/start/remote-template.ts
import { rm as rm5 } from "node:fs/promises";
var MiB = 1024 * 1024;
async function restoreRemoteTemplate(scope, { key, identity, base }) {
  const { config, reporter, signal, remoteTemplates: store } = scope;
  if (!store) return void 0;
  const entry = await store.restore(key, signal);
  if (entry === void 0) return void 0;
  const startedAt = Date.now();
  const staging = await createStaging(config.cacheDir, key);
  try {
    const record = await unpackTemplate(
      entry,
      staging,
      {
        key,
        identity,
        image: base.image,
        diskBytes: identity.diskSizeBytes || base.image.virtualSize,
        memoryBytes: identity.memoryMiB * MiB,
        uefi: identity.firmware === "uefi"
      },
      signal
    );
    const template = await commitTemplate(staging, config.cacheDir, record);
    reporter.info(
      `Checked and unpacked the warm-start template ${shortKey(key)} from ${store.name} in ${formatSeconds(Date.now() - startedAt)}: this job restores it instead of building it.`
    );
    return { ...template, restoredFrom: store.name };
  } catch (error) {
    await rm5(staging.dir, { recursive: true, force: true });
    if (error instanceof CancelledError || signal.aborted) throw error;
    reporter.warning(
      `The warm-start template ${shortKey(key)} restored from ${store.name} is refused (${error.message}): this job builds it.`
    );
    return void 0;
  } finally {
    await rm5(entry, { recursive: true, force: true });
  }
}

// src/engine/start/template.ts
var TEMPLATE_HOSTNAME = "solstice-template";
var TEMPLATE_LOCK_TIMEOUT_MS = 60 * 6e4;
var SAVE_DEADLINE_MS = 12e4;
var FORGET_TEMPLATE_LOGIN = ": > ~/.ssh/authorized_keys || exit 1;";
var SYNC_TIMEOUT_MS = 6e4;
async function ensureTemplate(scope, request3) {
  const { config, reporter, signal } = scope;
  const { key } = request3;
  const found = await readTemplate(config.cacheDir, key).catch(async (error) => {
    reporter.warning(`Discarded the warm-start template ${shortKey(key)}: ${error.message}.`);
    await discardTemplateUnderLock(scope, key);
    return void 0;
  });
  if (found) return found;
  const lost = new AbortController();
  const release = await lockTemplate(config.cacheDir, key, {
    reporter,
    signal,
    timeoutMs: TEMPLATE_LOCK_TIMEOUT_MS,
    onCompromised: () => lost.abort()
  });
  try {
    const built = await readTemplate(config.cacheDir, key).catch(() => void 0);
    if (built) return built;
    return await restoreRemoteTemplate(scope, request3) ?? await buildTemplate({ ...scope, signal: AbortSignal.any([signal, lost.signal]) }, request3);
  } finally {
    await release().catch(() => {
    });
  }
}
async function discardTemplateUnderLock({ config, reporter, signal }, key) {
  const release = await lockTemplate(config.cacheDir, key, {
    reporter,
    signal,
    timeoutMs: TEMPLATE_LOCK_TIMEOUT_MS,
    onCompromised: () => {
    }
  });
  try {
    await discardTemplate(config.cacheDir, key);
  } finally {
    await release().catch(() => {
    });
  }
}
async function buildTemplate(jobScope, { key, identity, base }) {
  const scope = { ...jobScope, teardown: new Teardown(), clock: jobScope.clock.prefixed("template:") };
  const { config, reporter, clock, signal, teardown } = scope;
  const startedAt = Date.now();
  reporter.info(`Building the warm-start template ${shortKey(key)}: a cold boot, prepare, then a save.`);
  const staging = await createStaging(config.cacheDir, key);
  teardown.add(() => rm6(staging.dir, { recursive: true, force: true }));
  try {
    const runtime = await createJobDirectory(scope.tempRoot);
    teardown.add(() => rm6(runtime.path, { recursive: true, force: true }));
    const plan = {
      ...base,
      ...await prepareIdentity(scope, base, {
        job: runtime,
        name: `template-${shortKey(key)}`,
        hostname: TEMPLATE_HOSTNAME,
        disk: staging.disk,
        firmwareDirectory: staging.dir,
        // Kept with the template: a clone's console log starts at its restore and points here for the boot.
        consoleLogPath: staging.buildConsoleLog
      })
    };
    const console2 = new ConsoleTail(plan.consoleLogPath);
    await console2.create();
    teardown.add(() => console2.stop());
    console2.start();
    const guest = await bootUntilSsh(scope, {
      plan,
      console: console2,
      warm: { memoryPath: staging.memory, role: "template", agentSocketPath: plan.files.agentSocket }
    });
    reporter.info(`The template answered over SSH ${guest.bootSeconds.toFixed(1)} s after QEMU started.`);
    if (config.prepare !== "")
      await runPrepareScript(guest.ssh, { config, where: "once, in the template", reporter, signal });
    await execCapture(guest.ssh, `${FORGET_TEMPLATE_LOGIN} ${agentStartCommand(config.guest.userland.admin)} sync`, {
      what: "empty the template's authorized_keys, start the guest agent and flush the template disk",
      maxStdoutBytes: 1024,
      timeoutMs: SYNC_TIMEOUT_MS
    });
    guest.ssh.end();
    await clock.time("template-save", saveMachineState(guest.qmp, staging.state, SAVE_DEADLINE_MS, signal));
    await guest.vm.stop(guest.qmp);
    const readOnlyRam = await supportsReadOnlyRam(QEMU_BINARY[config.machine.arch], signal);
    const { hostKey } = plan;
    await writeSeed({ ...plan.seed, hostKey: { ...hostKey, privateKey: scrubbed(hostKey.privateKey) } }, staging.seed);
    const template = await commitTemplate(staging, config.cacheDir, {
      formatVersion: TEMPLATE_FORMAT_VERSION,
      key,
      identity,
      imagePath: base.image.path,
      hostname: TEMPLATE_HOSTNAME,
      loginPublicKey: plan.loginKey.publicKey,
      hostPublicKey: hostKey.publicKey,
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      buildSeconds: (Date.now() - startedAt) / 1e3,
      readOnlyRam
    });
    reporter.info(
      `Saved the warm-start template ${shortKey(key)} in ${((Date.now() - startedAt) / 1e3).toFixed(1)} s; later jobs with the same image, machine and prepare restore it.`
    );
    return template;
  } finally {
    for (const error of await teardown.run()) reporter.debug(`Template teardown: ${error.message}`);
  }
}
function scrubbed(privateKey) {
  return privateKey.replace(/^(?!-----).+$/gm, (line) => "A".repeat(line.length));
}

// src/engine/start/start-guest.ts
async function startGuest(scope, paths) {
  const { config, reporter, clock, signal } = scope;
  const cold = async () => ({
    guest: await paths.boot(),
    how: "cold",
    prepareNeeded: config.prepare !== ""
  });
  if (!config.warmStart) return cold();
  const identity = await paths.templateIdentity();
  const key = templateKey(identity);
  const template = await clock.time("template", paths.template(identity, key));
  try {
    const guest = await paths.restore(template);
    await paths.used(template);
    return { guest, how: "warm", templateKey: key, prepareNeeded: false };
  } catch (error) {
    if (afterFailedRestore(error, signal) === "rethrow") throw error;
    const next = template.restoredFrom ? `it came from ${template.restoredFrom}, which keeps its copy: later jobs restore that again until the entry whose key ends in ${key} is deleted there` : "the next job builds it again";
    reporter.warning(
      `The warm-start template ${shortKey(key)} did not restore (${error.message.split("\n")[0]}): it is discarded, and this job boots cold; ${next}.`
    );
    await paths.discard(key);
    return { ...await cold(), templateKey: key };
  }
}
function afterFailedRestore(error, signal) {
  return error instanceof CancelledError || signal.aborted ? "rethrow" : "boot cold";
}
function guestPaths(scope, plan, console2) {
  const { config } = scope;
  return {
    boot: () => bootUntilSsh(scope, { plan, console: console2 }),
    templateIdentity: async () => templateIdentity(config, {
      imageDigest: `${plan.image.digest.algorithm}:${plan.image.digest.hex}`,
      firmware: plan.uefi ? "uefi" : "bios",
      accel: plan.accel,
      qemuBinary: await binaryIdentity(QEMU_BINARY[config.machine.arch])
    }),
    template: (identity, key) => ensureTemplate(scope, { key, identity, base: plan }),
    restore: (template) => restoreClone(scope, { plan, console: console2, template }),
    used: async (template) => {
      await markTemplateUsed(template);
      scope.remoteTemplates?.used(template);
    },
    discard: (key) => discardTemplateUnderLock(scope, key)
  };
}

// src/engine/pipeline.ts
async function runJob(config, environment, reporter, signal) {
  const scope = {
    config,
    reporter,
    clock: new PhaseClock(),
    signal,
    teardown: new Teardown(),
    tempRoot: environment.tempRoot,
    ...environment.remoteImages ? { remoteImages: environment.remoteImages } : {},
    ...environment.remoteTemplates ? { remoteTemplates: environment.remoteTemplates } : {}
  };
  const progress = new JobProgress(environment, scope.clock);
  try {
    const { job, console: console2 } = await openJob(scope, environment, progress);
    progress.phase = "preparing the image, keys, disk and seed";
    const prepared = await prepareJob(scope, job);
    progress.facts({ image: prepared.image, accel: prepared.accel });
    progress.phase = "starting the guest";
    const start = await startGuest(scope, guestPaths(scope, prepared, console2));
    const { guest } = start;
    progress.started(start);
    reportReady(start, reporter);
    if (start.prepareNeeded) {
      progress.phase = "the prepare script";
      await scope.clock.time("prepare", runPrepareScript(guest.ssh, { config, where: "before run", reporter, signal }));
    }
    const session = { ssh: guest.ssh, target: guest.target, qmp: guest.qmp };
    await environment.onReady?.(session);
    const step = await runTheStep(scope, { environment, guest, job, progress });
    progress.phase = "the debug hold";
    const debug = await holdIfAsked(scope, { prepared, guest, session, step });
    progress.phase = "handing the VM over to later steps";
    const kept = config.keepRunning ? await handOver(scope, { prepared, guest, step }) : void 0;
    return jobResult(scope, { prepared, start, step, debug, kept });
  } catch (error) {
    progress.failed();
    throw error;
  } finally {
    const teardownStartedAt = Date.now();
    for (const error of await scope.teardown.run()) reporter.debug(`Teardown: ${error.message}`);
    scope.clock.record("teardown", Date.now() - teardownStartedAt);
    reporter.debug(`Phases (ms): ${JSON.stringify(scope.clock.phases)}`);
  }
}
async function openJob({ config, teardown, tempRoot }, environment, progress) {
  distrustForPrograms(config.rules.workspace);
  const job = await createJobDirectory(tempRoot);
  distrustForPrograms(job.path);
  environment.onJobDirectory?.(job.path);
  teardown.add(() => rm7(job.path, { recursive: true, force: true }), { outlivesHandOver: true });
  const logPath = consoleLogPath(tempRoot, job);
  const console2 = await followConsole(logPath, teardown);
  progress.consoleFollowed(logPath, console2);
  return { job, console: console2 };
}
async function runTheStep({ config, reporter, clock, signal }, {
  environment,
  guest,
  job,
  progress
}) {
  return clock.time(
    "script",
    guest.watch.during(
      runStep(guest.ssh, {
        script: config.run,
        rules: config.rules,
        runnerEnv: environment.runnerEnv,
        reporter,
        signal,
        moreStepsFollow: config.keepRunning,
        jobDirectory: job.path,
        onPhase: (phase) => guest.watch.phase = progress.phase = phase
      })
    )
  );
}
function jobResult({ clock }, { prepared, start, step, debug, kept }) {
  const { guest } = start;
  return {
    exitCode: step.result.exitCode,
    ...step.result.signal ? { exitSignal: step.result.signal } : {},
    sshPort: guest.vm.spec.sshPort,
    consoleLogPath: prepared.consoleLogPath,
    image: prepared.image,
    accel: prepared.accel,
    bootSeconds: guest.bootSeconds,
    start: start.how,
    ...start.how === "warm" && start.templateKey ? { templateKey: start.templateKey } : {},
    phases: clock.phases,
    ...debug ? { debug } : {},
    ...step.copyBack ? { copyBack: step.copyBack } : {},
    ...step.result.exitCode !== 0 ? { lastLines: step.lastLines } : {},
    ...kept ? { kept } : {}
  };
}
async function followConsole(path, teardown) {
  const console2 = new ConsoleTail(path);
  await console2.create();
  teardown.add(() => console2.stop());
  console2.start();
  return console2;
}
function reportReady({ guest, how }, reporter) {
  reporter.info(
    `The guest answered over SSH ${guest.bootSeconds.toFixed(1)} s after QEMU started (${how === "warm" ? "restored" : "booted"}).`
  );
  const cpu = process.cpuUsage();
  reporter.debug(`CPU used by Solstice until then: ${Math.round((cpu.user + cpu.system) / 1e3)} ms`);
}
async function holdIfAsked({ config, reporter, clock, signal }, { prepared, guest, session, step }) {
  if (!prepared.debugKeys || !wantsHold(config.debug.mode, step.result.exitCode)) return void 0;
  const keys = await prepared.debugKeys;
  const refusal = keys instanceof Error ? `${keys.message} No debug access was opened (fail closed).` : "";
  const debug = keys instanceof Error ? { held: false, message: refusal, failure: refusal } : await clock.time(
    "debug-hold",
    holdForDebug({
      session,
      config: config.debug,
      admin: config.guest.userland.admin,
      keys,
      reporter,
      vmLost: guest.watch.lost,
      describeLoss: guest.watch.describe,
      signal
    })
  );
  if (debug.end === "vm-lost") reporter.warning(debug.message);
  else reporter.info(debug.message);
  throwIfCancelled(signal);
  return debug;
}
async function handOver({ config, tempRoot, teardown }, { prepared, guest, step }) {
  const kept = {
    name: config.name,
    jobDirectory: prepared.job.path,
    qemuPid: guest.vm.pid,
    sshPort: guest.vm.spec.sshPort,
    user: config.user,
    privateKeyPath: prepared.files.privateKey,
    // The key the job pinned: the generated one, or the one a console-provisioned guest printed.
    hostPublicKey: guest.target.hostPublicKey,
    consoleLogPath: prepared.consoleLogPath,
    bootTimeoutSeconds: guest.bootTimeoutSeconds,
    rules: config.rules
  };
  await saveKeptVm(tempRoot, kept, prepared.loginKey.privateKey, step.synced);
  teardown.handOver();
  return kept;
}

// src/qemu/host-setup.ts
function hostRequirements(machine) {
  const { arch, firmware } = machine;
  const requirements = [
    { what: QEMU_BINARY[arch], lookFor: [QEMU_BINARY[arch]], kind: "program", debianPackage: QEMU_PACKAGE2[arch] },
    { what: "qemu-img", lookFor: ["qemu-img"], kind: "program", debianPackage: "qemu-utils" }
  ];
  if (firmware === "uefi") {
    const uefi = UEFI_FIRMWARE[arch];
    requirements.push({
      what: `UEFI firmware for ${arch} (${uefi.code})`,
      lookFor: [uefi.code, uefi.varsTemplate],
      kind: "file",
      debianPackage: uefi.debianPackage
    });
  }
  return requirements;
}
var QEMU_PACKAGE2 = { x86_64: "qemu-system-x86", aarch64: "qemu-system-arm" };
var REAL_UDEV = { rulesFile: "/etc/udev/rules.d/99-kvm4all.rules", udevadm: "udevadm" };
var KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"\n';
var APT_UPDATE_DEADLINE_MS = 18e4;
var APT_INSTALL_DEADLINE_MS = 6e5;
var UDEV_DEADLINE_MS = 3e4;
var APT_GET = ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-q"];
function planHostSetup(facts, udev = REAL_UDEV) {
  const missing = hostRequirements(facts.machine).filter(
    (requirement) => requirement.lookFor.some((thing) => facts.missing.includes(thing))
  );
  const packages = [...new Set(missing.map((requirement) => requirement.debianPackage))];
  const hosted = facts.runnerEnvironment === "github-hosted";
  const missingText = missing.map((requirement) => requirement.what).join(", ");
  if (!hosted && !facts.install) {
    if (missing.length === 0) return void 0;
    throw new SolsticeError(
      `This self-hosted runner lacks what the job runs: ${missingText} (programs are looked for on PATH).`,
      {
        hint: (say) => `Install ${packages.join(" ")} (Debian/Ubuntu: sudo apt-get install ${packages.join(" ")}), or set ${say.setting("install", "true")} to let the action install them with the runner's passwordless sudo`
      }
    );
  }
  const kvmWanted = facts.kvm === "unusable" && facts.accel !== "tcg" && facts.hostArch === facts.machine.arch && !facts.missingInstallers.includes("sudo");
  if (missing.length === 0 && !kvmWanted) return void 0;
  if (missing.length > 0 && facts.missingInstallers.length > 0) {
    throw new SolsticeError(
      `This runner lacks what the job runs: ${missingText}, and ${facts.missingInstallers.join(" and ")} to install them with (the action installs only on Debian/Ubuntu, with passwordless sudo). Install ${packages.join(" ")} in the runner's image.`
    );
  }
  return {
    reason: hosted ? "GitHub-hosted runner" : "install: true",
    missing: missing.map((requirement) => requirement.what),
    packages,
    install: packages.length === 0 ? [] : [
      { argv: [...APT_GET, "update"], deadlineMs: APT_UPDATE_DEADLINE_MS },
      {
        argv: [...APT_GET, "install", "-y", "--no-install-recommends", ...packages],
        deadlineMs: APT_INSTALL_DEADLINE_MS
      }
    ],
    kvm: kvmWanted ? [
      { argv: ["sudo", "-n", "tee", udev.rulesFile], deadlineMs: UDEV_DEADLINE_MS, input: KVM_UDEV_RULE },
      { argv: ["sudo", "-n", udev.udevadm, "control", "--reload-rules"], deadlineMs: UDEV_DEADLINE_MS },
      { argv: ["sudo", "-n", udev.udevadm, "trigger", "--name-match=kvm"], deadlineMs: UDEV_DEADLINE_MS }
    ] : []
  };
}

export {
  defaultCacheRoot,
  INPUTS,
  readInputs,
  inputSpec,
  cliOption,
  parseJobInputs,
  HOST_ARCH,
  hostRequirements,
  planHostSetup,
  formatCatalogTable,
  catalogWithFile,
  announcementMarkdown,
  isUrlRecord,
  usedMarkerPath,
  PrepareFailedError,
  runJob
};
