import { lazy, memo, Suspense, useCallback, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Button } from '../components/Button';
import { useClusterClient } from '../store/context';
import { applyManifests, deleteManifests, type ApplyOutcome } from './apply';
import { EXAMPLES, type ExampleName } from './examples';
import styles from './editor.module.css';

const MonacoYaml = lazy(() => import('./MonacoYaml'));

const STORAGE_KEY = 'kubesim.editor.text';

function loadText(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? EXAMPLES.deployment;
  } catch {
    return EXAMPLES.deployment;
  }
}

/** The editor's text, saved to localStorage so it survives a reload. */
export const useEditorText = create<{ text: string; setText(t: string): void }>()((set) => ({
  text: loadText(),
  setText: (text) => {
    set({ text });
    try {
      localStorage.setItem(STORAGE_KEY, text);
    } catch {
      // not saved; the text stays for this page
    }
  },
}));

export const EditorPanel = memo(function EditorPanel() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const text = useEditorText((s) => s.text);
  const setText = useEditorText((s) => s.setText);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ApplyOutcome | undefined>();

  const run = useCallback(
    async (what: 'apply' | 'delete') => {
      setBusy(true);
      try {
        const current = useEditorText.getState().text;
        setOutcome(await (what === 'apply' ? applyManifests : deleteManifests)(client, current));
      } catch (e) {
        setOutcome({
          ok: false,
          lines: [],
          errors: [{ message: e instanceof Error ? e.message : String(e) }],
        });
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  const loadExample = useCallback(
    (e: ChangeEvent<HTMLSelectElement>) => {
      const name = e.target.value as ExampleName;
      if (name in EXAMPLES) setText(EXAMPLES[name]);
      setOutcome(undefined);
      e.target.value = '';
    },
    [setText],
  );

  return (
    <div className={styles.panel}>
      <div className={styles.toolbar}>
        <select
          className={styles.examples}
          defaultValue=""
          onChange={loadExample}
          aria-label={t('editor.examples')}
          data-testid="example-select"
        >
          <option value="" disabled>
            {t('editor.examples')}
          </option>
          <option value="deployment">Deployment</option>
          <option value="service">Service</option>
          <option value="pod">{t('editor.examplePod')}</option>
          <option value="daemonset">DaemonSet</option>
        </select>
        <div className={styles.spacer} />
        <Button
          variant="secondary"
          onClick={() => void run('delete')}
          disabled={busy}
          data-testid="delete"
          title={t('editor.deleteHint')}
        >
          {t('editor.delete')}
        </Button>
        <Button
          variant="primary"
          onClick={() => void run('apply')}
          disabled={busy}
          data-testid="apply"
          title={t('editor.applyHint')}
        >
          {t('editor.apply')}
        </Button>
      </div>
      {/* nokey: React Flow's window key handler would swallow Space inside Monaco (TOOLCHAIN.md). */}
      <div className={`${styles.editor} nokey`} data-testid="editor">
        <Suspense fallback={<div className={styles.loading}>{t('editor.loading')}</div>}>
          <MonacoYaml value={text} onChange={setText} ariaLabel={t('editor.label')} />
        </Suspense>
      </div>
      {outcome && (
        <div
          className={styles.result}
          data-ok={outcome.ok || undefined}
          data-testid="apply-result"
          role={outcome.ok ? 'status' : 'alert'}
        >
          {outcome.lines.map((l) => (
            <div key={l} className={styles.line}>
              {l}
            </div>
          ))}
          {outcome.errors.map((e, i) => (
            <div key={i} className={styles.error} data-testid="apply-error">
              <span className={styles.errorTag}>{t('editor.error')}</span>
              {e.line !== undefined && (
                <span className={styles.where}>
                  {t('editor.at', { line: e.line, column: e.column ?? 1 })}
                </span>
              )}
              {e.field && <span className={styles.where}>{e.field}</span>}
              <span>{e.message}</span>
            </div>
          ))}
          {!outcome.ok && outcome.lines.length === 0 && (
            <div className={styles.nothing}>{t('editor.nothingApplied')}</div>
          )}
        </div>
      )}
    </div>
  );
});
