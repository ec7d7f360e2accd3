import { modelHit, modelOf, TABLE_SIZE, type CodeHit } from './code.js';

export { isModelConfig } from './digest-gate.js';

/**
 * Models named in YAML configuration: promptfoo providers (`openai:chat:<model>`,
 * `anthropic:messages:<model>`), LiteLLM and proxy entries (`model: openai/<model>`), `model:` keys,
 * and `--model <model>` / `-m <model>` in workflow `run:` lines. A LiteLLM `model_name:` is the
 * alias clients ask for, not what is sent, so it is not read.
 */
const PREFIXED =
  /(?<![\w.@/-])(?:openai|anthropic)(?::(?:chat|completion|messages|responses))?[:/]([A-Za-z0-9][\w.-]*)/g;
const MODEL_KEY = /^[ \t]*(?:-[ \t]+)?["']?(?:model|default_model|engine)["']?[ \t]*:[ \t]*["']?([\w.:/-]+)/;
const CLI_FLAG = /(?:^|\s)(?:--model[= ]|-m\s+)["']?([\w.:/-]+)/g;

/** What a YAML file is, for the model names it may hold. */
type ConfigKind = 'workflow' | 'router' | 'other';

function configKind(relPath: string, text: string): ConfigKind {
  if (/(?:^|\/)\.github\/workflows\//.test(relPath)) return 'workflow';
  // promptfoo (`providers:` of `openai:…`) and LiteLLM (`model_list:` / `litellm_params:`).
  if (
    /promptfoo/i.test(relPath) ||
    /^\s*(?:model_list|litellm_params)\s*:/m.test(text) ||
    /^providers\s*:/m.test(text)
  )
    return 'router';
  return 'other';
}

export function configModelHits(
  relPath: string,
  text: string,
  today: Date,
): { hits: CodeHit[]; models: Array<{ name: string; offset: number }> } {
  const kind = configKind(relPath, text);
  // Other YAML (data files, leaderboards, settings tables) names models without sending them.
  if (kind === 'other') return { hits: [], models: [] };
  const hits: CodeHit[] = [];
  const models: Array<{ name: string; offset: number }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    // Comments, and generated blobs on one line (a JSON config printed by a compiled workflow).
    if (/^\s*#/.test(line) || line.length > 300) continue;
    const found = new Map<number, string>();
    for (const m of line.matchAll(PREFIXED)) found.set(m.index + m[0].length - m[1]!.length, m[0]);
    const key = MODEL_KEY.exec(line);
    if (key) found.set(key.index + key[0].length - key[1]!.length, key[1]!);
    if (kind === 'workflow')
      for (const m of line.matchAll(CLI_FLAG)) found.set(m.index + m[0].length - m[1]!.length, m[1]!);
    const seen = new Set<string>();
    for (const [at, value] of found) {
      const model = modelOf(value.replace(/^["']|["']$/g, ''));
      // `model: openai/gpt-4` is seen by two patterns: one model, once.
      if (!model || seen.has(model.name)) continue;
      seen.add(model.name);
      models.push({ name: model.name, offset: start + at });
      const hit = modelHit(model.name, today, start + at, start + at + model.name.length);
      if (hit) hits.push(hit);
    }
  }
  const distinct = new Set(models.map((m) => m.name));
  if (distinct.size < TABLE_SIZE || hits.length === 0) return { hits, models };
  // A file naming this many models is a table of choices: one low finding names the retired ones.
  const names = [...new Set(hits.map((h) => h.subject))];
  return {
    models,
    hits: [
      {
        ...hits[0]!,
        subject: `table:${names.join(',')}`,
        severity: 'low',
        message: `This file lists ${distinct.size} models, ${names.length} of them shut down or retiring: ${names.join(', ')}. Requests that pick one fail with model_not_found.`,
        fix: 'Drop them from the file, or replace them with current models.',
      },
    ],
  };
}
