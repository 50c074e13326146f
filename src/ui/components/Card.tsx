import { memo, type ReactNode } from 'react';
import styles from './Card.module.css';

export const Card = memo(function Card({
  title,
  subtitle,
  actions,
  children,
  flush = false,
  labelledBy,
}: {
  title?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** No padding around the body (tables run edge to edge). */
  flush?: boolean;
  labelledBy?: string;
}) {
  return (
    <section className={styles.card} aria-labelledby={labelledBy}>
      {(title || actions) && (
        <header className={styles.header}>
          <div className={styles.titles}>
            {title && (
              <h2 className={styles.title} id={labelledBy}>
                {title}
              </h2>
            )}
            {subtitle && <p className={styles.subtitle}>{subtitle}</p>}
          </div>
          {actions && <div className={styles.actions}>{actions}</div>}
        </header>
      )}
      <div className={flush ? styles.flush : styles.body}>{children}</div>
    </section>
  );
});
