import { unsafePatternReason } from './pattern-safety.js';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type YAMLMap } from 'yaml';
import { UserError } from '../errors.js';
import { DETECTORS } from '../detect/detectors.js';
import { SEVERITIES, type Severity } from '../finding.js';
import { allRules } from '../rules.js';
import { HISTORY_RULES } from '../sources/rules.js';
import { entryExists, readPolicyFile } from './read-file.js';
import {
  DEFAULT_CONFIG,
  type CustomDetector,
  type KeylintConfig,
  type RuleOverride,
  type TestsPolicy,
} from './types.js';
import { closest } from '../text/closest.js';

export const CONFIG_FILE_NAMES = ['.keylint.yml', '.keylint.yaml'];

/**
 * Reads `.keylint.yml` (or the file given with `config`). Every mistake is a `UserError` at its line:
 * an unknown key or a bad pattern must never fall back silently to a default.
 */
export function loadConfig(root: string, explicitPath?: string): KeylintConfig {
  const file = explicitPath ?? CONFIG_FILE_NAMES.map((n) => path.join(root, n)).find(entryExists);
  if (!file) return structuredClone(DEFAULT_CONFIG);
  const shown = path.relative(root, file).startsWith('..') ? file : path.relative(root, file);
  const text = readPolicyFile(root, file, shown, 'config file');
  return parseConfig(text, shown);
}

export function parseConfig(text: string, shown: string): KeylintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const fail = (message: string, node?: Node | null): never => {
    throw new UserError(message, { path: shown, line: lineOf(node) });
  };

  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lineCounter.linePos(firstError.pos[0]).line;
    throw new UserError(`not valid YAML: ${firstError.message.split('\n')[0]}`, { path: shown, line });
  }
  const config: KeylintConfig = structuredClone(DEFAULT_CONFIG);
  config.source = shown;
  let rulesNode: YAMLMap | null = null;
  const top = doc.contents;
  if (top === null || (isScalar(top) && top.value === null)) return config;
  if (!isMap(top))
    return fail('the config must be a mapping of keys (rules, ignore, key-env, detectors, tests)', top);

  for (const pair of (top as YAMLMap).items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules':
        config.rules = readRules(value, fail);
        rulesNode = value as YAMLMap;
        break;
      case 'ignore':
        config.ignorePaths = readStringList(value, 'ignore', fail);
        break;
      case 'key-env':
        config.keyEnv = readStringList(value, 'key-env', fail);
        for (const name of config.keyEnv)
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            fail(`key-env: "${name}" is not a variable name`, value);
        break;
      case 'detectors':
        config.detectors = readDetectors(value, fail);
        break;
      case 'policy-changes': {
        const v = isScalar(value) ? value.value : undefined;
        if (v !== 'allow' && v !== 'check') fail('policy-changes must be check or allow', value);
        config.policyChanges = v as 'allow' | 'check';
        break;
      }
      case 'tests': {
        const v = isScalar(value) ? String(value.value) : '';
        if (v !== 'lint' && v !== 'skip') fail('tests: must be "lint" or "skip"', value);
        config.tests = v as TestsPolicy;
        break;
      }
      default:
        fail(
          `unknown key "${key}" (allowed: rules, ignore, key-env, detectors, policy-changes, tests)`,
          keyNode,
        );
    }
  }
  if (rulesNode) checkRuleIds(rulesNode, config.detectors, fail);
  return config;
}

type Fail = (message: string, node?: Node | null) => never;

const DETECTOR_KEYS = ['id', 'description', 'pattern', 'keywords', 'severity', 'revoke-url'];
const BUILT_IN_IDS = new Set(DETECTORS.map((d) => d.id));
/** Rule categories: `rules: { history: false }` turns a whole category off. */
const CATEGORIES = ['leak', 'history', 'wiring', 'live', 'lint', 'config'];

/** The literal characters every match of a pattern starts with (case kept), or '' when fewer than 3. */
export function literalPrefix(source: string): string {
  if (source.includes('|')) return '';
  const m = /^(?:\\b|\^)?((?:[A-Za-z0-9_-]|\\[-_])+)([?*{]?)/.exec(source);
  let lit = (m?.[1] ?? '').replace(/\\/g, '');
  // `abc?`: the last literal is optional, so it is not in every key.
  if (m?.[2]) lit = lit.slice(0, -1);
  return lit.length >= 3 ? lit : '';
}

/** A rule id that matches nothing is a typo that would silently disable nothing: an error at its line. */
function checkRuleIds(node: YAMLMap, custom: readonly CustomDetector[], fail: Fail): void {
  const known = [
    ...allRules().map((r) => r.id),
    ...HISTORY_RULES.map((r) => r.id),
    ...custom.flatMap((d) => [`leak/${d.id}`, `history/${d.id}`]),
    ...CATEGORIES,
  ];
  for (const pair of node.items) {
    const id = String((pair.key as { value?: unknown }).value ?? '');
    if (known.includes(id)) continue;
    const hint = closest(id, known);
    fail(`rules: unknown rule id "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`, pair.key as Node);
  }
}

function readStringList(node: Node | null, name: string, fail: Fail): string[] {
  if (!isSeq(node)) return fail(`${name} must be a list of strings`, node);
  return node.items.map((item) => {
    const n = item as Node;
    if (!isScalar(n) || typeof n.value !== 'string' || n.value.trim() === '')
      fail(`${name} must be a list of non-empty strings`, n);
    return String((n as { value: unknown }).value);
  });
}

function readSeverity(node: Node | null, where: string, fail: Fail): Severity {
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v !== 'string' || !(SEVERITIES as readonly string[]).includes(v))
    fail(`${where}: severity must be one of ${SEVERITIES.join(', ')}`, node);
  return v as Severity;
}

function readRules(node: Node | null, fail: Fail): Record<string, RuleOverride> {
  if (!isMap(node)) return fail('rules must map rule ids to true, false or { enabled, severity }', node);
  const out: Record<string, RuleOverride> = {};
  for (const pair of node.items) {
    const id = String((pair.key as { value?: unknown }).value ?? '');
    const v = pair.value as Node | null;
    if (isScalar(v) && typeof v.value === 'boolean') {
      out[id] = { enabled: v.value };
    } else if (isScalar(v) && typeof v.value === 'string') {
      out[id] = { severity: readSeverity(v, `rules.${id}`, fail) };
    } else if (isMap(v)) {
      const o: RuleOverride = {};
      for (const p of v.items) {
        const k = String((p.key as { value?: unknown }).value ?? '');
        const pv = p.value as Node | null;
        if (k === 'enabled') {
          if (!isScalar(pv) || typeof pv.value !== 'boolean')
            fail(`rules.${id}.enabled must be true or false`, pv);
          o.enabled = (pv as { value: boolean }).value;
        } else if (k === 'severity') {
          o.severity = readSeverity(pv, `rules.${id}`, fail);
        } else fail(`rules.${id}: unknown key "${k}" (allowed: enabled, severity)`, p.key as Node);
      }
      out[id] = o;
    } else fail(`rules.${id} must be true, false, a severity or { enabled, severity }`, v);
  }
  return out;
}

function readDetectors(node: Node | null, fail: Fail): CustomDetector[] {
  if (!isSeq(node)) return fail('detectors must be a list', node);
  const seenIds = new Set<string>();
  return node.items.map((item) => {
    const n = item as Node;
    if (!isMap(n)) return fail('each detector must be a mapping with id, pattern, keywords, severity', n);
    const get = (k: string): Node | null => (n.get(k, true) as Node | undefined) ?? null;
    for (const p of n.items) {
      const k = String((p.key as { value?: unknown }).value ?? '');
      if (!DETECTOR_KEYS.includes(k))
        fail(`detectors: unknown key "${k}" (allowed: ${DETECTOR_KEYS.join(', ')})`, p.key as Node);
    }
    const idNode = get('id');
    const id = isScalar(idNode) && typeof idNode.value === 'string' ? idNode.value : '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      fail('detectors: id must be lower-case letters, digits and dashes', idNode ?? n);
    const patNode = get('pattern');
    const source = isScalar(patNode) && typeof patNode.value === 'string' ? patNode.value : '';
    if (!source) fail(`detectors.${id}: pattern is required`, patNode ?? n);
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'g');
    } catch (err) {
      return fail(
        `detectors.${id}: pattern is not a valid regular expression (${(err as Error).message})`,
        patNode,
      );
    }
    if (pattern.test('')) fail(`detectors.${id}: pattern matches the empty string`, patNode);
    const unsafe = unsafePatternReason(source);
    if (unsafe)
      fail(
        `detectors.${id}: pattern could take exponential time on a crafted line: ${unsafe}. Write it without nested repetition (e.g. acme_[a-z0-9]{32})`,
        patNode,
      );
    const prefix = literalPrefix(source);
    const keywords = get('keywords')
      ? readStringList(get('keywords'), `detectors.${id}.keywords`, fail).map((k) => k.toLowerCase())
      : [];
    if (!prefix && keywords.length === 0)
      fail(
        `detectors.${id}: keywords is required when the pattern does not start with a literal of 3 or more characters (words the name a key is assigned to contains, e.g. [acme_token])`,
        patNode,
      );
    if (seenIds.has(id)) fail(`detectors: the id "${id}" is used twice`, idNode);
    if (BUILT_IN_IDS.has(id))
      fail(`detectors: "${id}" is the id of a built-in detector: choose another`, idNode);
    seenIds.add(id);
    const urlNode = get('revoke-url');
    const revokeUrl = urlNode && isScalar(urlNode) ? String(urlNode.value) : undefined;
    if (urlNode && !/^https:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/.test(revokeUrl ?? ''))
      fail(
        `detectors.${id}: revoke-url must be an https: URL (it is shown as text, never as a link)`,
        urlNode,
      );
    const severity = get('severity') ? readSeverity(get('severity'), `detectors.${id}`, fail) : 'high';
    const descNode = get('description');
    const description = isScalar(descNode) ? String(descNode.value) : undefined;
    return {
      id,
      description,
      pattern,
      keywords,
      severity,
      ...(prefix ? { prefix } : {}),
      ...(revokeUrl ? { revokeUrl } : {}),
    };
  });
}
