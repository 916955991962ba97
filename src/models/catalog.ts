// Models offered in the UI: real small instruct models on the Hub, and the bundled tiny test model. Both realms.

/** The generated tiny Llama (random weights) shipped in public/models/, so everything works offline. */
export const BUNDLED_MODEL_ID = 'arbiter/tiny-llama';

export const HUB_MODELS = [
  { id: 'onnx-community/Qwen2.5-0.5B-Instruct', label: 'Qwen2.5 0.5B Instruct' },
  { id: 'HuggingFaceTB/SmolLM2-135M-Instruct', label: 'SmolLM2 135M Instruct' },
  { id: 'HuggingFaceTB/SmolLM2-360M-Instruct', label: 'SmolLM2 360M Instruct' },
] as const;

/** Whether the Hub answers within a few seconds; offline, the form falls back to the bundled model. */
export async function hubReachable(timeoutMs = 3000): Promise<boolean> {
  try {
    const res = await fetch(`https://huggingface.co/api/models/${HUB_MODELS[0].id}`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Files of a folder picked with <input webkitdirectory>, keyed by path inside the folder. */
export function folderFiles(list: FileList): { name: string; files: Record<string, Blob> } {
  const files: Record<string, Blob> = {};
  let name = '';
  for (const f of Array.from(list)) {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    const slash = rel.indexOf('/');
    name ||= slash > 0 ? rel.slice(0, slash) : 'folder';
    files[slash > 0 ? rel.slice(slash + 1) : rel] = f;
  }
  return { name, files };
}
