/** Calls of the pre-2023 openai SDKs, with what replaced them; and the marks of the current SDKs. */

/** Python openai 0.x module-level resources (removed in 1.0.0, raise APIRemovedInV1). */
export const PY_REMOVED_RESOURCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ChatCompletion: {
    create: 'client.chat.completions.create',
    acreate: 'AsyncOpenAI().chat.completions.create',
    '*': 'client.chat.completions',
  },
  Completion: {
    create: 'client.completions.create',
    acreate: 'AsyncOpenAI().completions.create',
    '*': 'client.completions',
  },
  Embedding: {
    create: 'client.embeddings.create',
    acreate: 'AsyncOpenAI().embeddings.create',
    '*': 'client.embeddings',
  },
  Edit: { '*': 'client.chat.completions.create (the Edits API is gone)' },
  Image: {
    create: 'client.images.generate',
    create_edit: 'client.images.edit',
    create_variation: 'client.images.create_variation',
    '*': 'client.images',
  },
  Audio: {
    transcribe: 'client.audio.transcriptions.create',
    translate: 'client.audio.translations.create',
    '*': 'client.audio',
  },
  Moderation: { create: 'client.moderations.create', '*': 'client.moderations' },
  Model: {
    list: 'client.models.list',
    retrieve: 'client.models.retrieve',
    delete: 'client.models.delete',
    '*': 'client.models',
  },
  Engine: { '*': 'client.models (engines are gone: pass model=…)' },
  File: { download: 'client.files.content', '*': 'client.files' },
  FineTune: { '*': 'client.fine_tuning.jobs' },
  FineTuningJob: { '*': 'client.fine_tuning.jobs' },
  Customer: { '*': 'nothing: it was removed without a replacement' },
  Deployment: { '*': 'nothing: it was removed without a replacement' },
  ErrorObject: { '*': 'nothing: it was removed without a replacement' },
};

export function pyReplacement(resource: string, method: string): string {
  const r = PY_REMOVED_RESOURCES[resource] ?? {};
  if (r[method]) return r[method]!;
  const base = r['*'] ?? 'the client API';
  return /^client\.\w+(\.\w+)?$/.test(base) ? `${base}.${method}` : base;
}

/** Node openai v3 (removed in 4.0.0). */
export const NODE_REMOVED_METHODS: Readonly<Record<string, string>> = {
  createChatCompletion: 'openai.chat.completions.create',
  createCompletion: 'openai.completions.create',
  createEmbedding: 'openai.embeddings.create',
  createEdit: 'openai.chat.completions.create (the Edits API is gone)',
  createImage: 'openai.images.generate',
  createImageEdit: 'openai.images.edit',
  createImageVariation: 'openai.images.createVariation',
  createModeration: 'openai.moderations.create',
  createTranscription: 'openai.audio.transcriptions.create',
  createTranslation: 'openai.audio.translations.create',
  listModels: 'openai.models.list',
  retrieveModel: 'openai.models.retrieve',
  createFile: 'openai.files.create',
  listFiles: 'openai.files.list',
  createFineTune: 'openai.fineTuning.jobs.create',
  listFineTunes: 'openai.fineTuning.jobs.list',
};

export const NODE_REMOVED_CLASSES: Readonly<Record<string, string>> = {
  Configuration: 'new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
  OpenAIApi: 'new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
};

/** Marks of openai ≥ 1.0 (Python) in code with comments and strings blanked. */
export const PY_V1_MARK =
  /\bfrom\s+openai\s+import\s+[^\n]*?\b(?:Async)?(?:Azure)?OpenAI\b|\b(?:Async)?(?:Azure)?OpenAI\s*\(|\.chat\s*\.\s*completions\s*\.\s*create\s*\(/g;

/** Marks of openai ≥ 4.0 (Node), in code with comments blanked (the import source is a string). */
export const NODE_V4_MARK =
  /\bnew\s+(?:Azure)?OpenAI\s*\(|\bimport\s+OpenAI\s+from\s*["']openai["']|\.chat\s*\.\s*completions\s*\.\s*create\s*\(/g;
