import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { LogoMark } from '../components/icons';
import { ClockControls } from '../timeline/ClockControls';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';
import styles from './Header.module.css';

export const Header = memo(function Header() {
  const { t } = useTranslation();
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <LogoMark />
        <div className={styles.wordmark}>
          <span className={styles.name}>{t('app.name')}</span>
          <span className={styles.tagline}>{t('app.tagline')}</span>
        </div>
      </div>
      <ConnectionBadge />
      <div className={styles.spacer} />
      <ClockControls />
      <div className={styles.divider} aria-hidden />
      <LanguageSwitch />
    </header>
  );
});
