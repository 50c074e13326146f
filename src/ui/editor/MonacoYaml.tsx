/**
 * Monaco with monaco-yaml, bundled (no CDN) and loaded lazily: this module is only imported when
 * the editor shows. The traps of TOOLCHAIN.md are handled here: workers from Vite, and a
 * `createWebWorker` that speaks monaco 0.57's `{ worker }` option for monaco-worker-manager.
 */
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import { memo, useCallback } from 'react';
import YamlWorker from './yaml.worker?worker';
import { kubernetesSchema } from './schemas';

type Env = { getWorker(id: string, label: string): Worker };
(self as unknown as { MonacoEnvironment: Env }).MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

interface LegacyWorkerOptions {
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

// monaco-worker-manager still passes { moduleId, label, createData } (monaco-yaml #272).
const shimmed = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: LegacyWorkerOptions) {
      const worker = (self as unknown as { MonacoEnvironment: Env }).MonacoEnvironment.getWorker(
        'yaml',
        opts.label ?? 'yaml',
      );
      worker.postMessage('ignore');
      worker.postMessage(opts.createData);
      return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
    },
  },
} as unknown as typeof monaco;

loader.config({ monaco });

let configured = false;
function configureOnce(): void {
  if (configured) return;
  configured = true;
  configureMonacoYaml(shimmed, {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: [{ uri: 'https://kubesim.local/kubernetes.json', fileMatch: ['*'], schema: kubernetesSchema() }],
  });
}

export interface MonacoYamlProps {
  value: string;
  onChange(text: string): void;
  ariaLabel: string;
  /** Line to reveal and mark (an API or syntax error). */
  errorLine?: number;
}

export const MonacoYaml = memo(function MonacoYaml({ value, onChange, ariaLabel }: MonacoYamlProps) {
  configureOnce();
  const onMount: OnMount = useCallback(
    (editor) => {
      editor.updateOptions({ ariaLabel });
    },
    [ariaLabel],
  );
  return (
    <Editor
      language="yaml"
      path="manifest.yaml"
      value={value}
      onChange={(v) => onChange(v ?? '')}
      onMount={onMount}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        tabSize: 2,
        automaticLayout: true,
        renderLineHighlight: 'line',
        quickSuggestions: { other: true, comments: false, strings: true },
        padding: { top: 8 },
      }}
    />
  );
});

export default MonacoYaml;
