import { memo, type ReactNode } from 'react';
import styles from './StatusPill.module.css';

export type Tone = 'success' | 'danger' | 'warning' | 'neutral' | 'accent';

export const StatusPill = memo(function StatusPill({
  tone,
  children,
  pulse = false,
  detail,
  ...data
}: {
  tone: Tone;
  children: ReactNode;
  pulse?: boolean;
  /** Secondary text after the label, e.g. the seed. */
  detail?: ReactNode;
  'data-testid'?: string;
  'data-status'?: string;
}) {
  return (
    <span className={`${styles.pill} ${styles[tone]}`} {...data}>
      <span className={`${styles.dot} ${pulse ? styles.pulse : ''}`} aria-hidden />
      {children}
      {detail && <span className={styles.detail}>{detail}</span>}
    </span>
  );
});
