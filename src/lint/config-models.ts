import { modelHit, modelOf, type CodeHit } from './code.js';

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

export function isModelConfig(relPath: string): boolean {
  return /\.ya?ml$/i.test(relPath) && !/(?:^|\/)(?:pnpm-lock|yarn|conda-lock)\.ya?ml$/i.test(relPath);
}

export function configModelHits(
  text: string,
  today: Date,
): { hits: CodeHit[]; models: Array<{ name: string; offset: number }> } {
  const hits: CodeHit[] = [];
  const models: Array<{ name: string; offset: number }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (/^\s*#/.test(line)) continue;
    const found = new Map<number, string>();
    for (const m of line.matchAll(PREFIXED)) found.set(m.index + m[0].length - m[1]!.length, m[0]);
    const key = MODEL_KEY.exec(line);
    if (key) found.set(key.index + key[0].length - key[1]!.length, key[1]!);
    if (/\brun:|^\s+\S/.test(line))
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
  return { hits, models };
}
