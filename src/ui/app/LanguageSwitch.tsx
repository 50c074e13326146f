import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';
import styles from './LanguageSwitch.module.css';

export const LanguageSwitch = memo(function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className={styles.switch} role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          className={styles.option}
          aria-pressed={current === l.code}
          title={l.label}
          data-testid={`lang-${l.code}`}
          onClick={() => void i18n.changeLanguage(l.code)}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
});
