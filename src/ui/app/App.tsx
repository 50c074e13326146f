import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ClusterSummary } from '../nodes/ClusterSummary';
import { NodeTable } from '../nodes/NodeTable';
import { ErrorBanner, Notices } from './ErrorBanner';
import { Header } from './Header';
import styles from './App.module.css';

const Intro = memo(function Intro() {
  const { t } = useTranslation();
  return (
    <div className={styles.intro}>
      <h1 className={styles.title}>{t('overview.title')}</h1>
      <p className={styles.lead}>{t('overview.lead')}</p>
    </div>
  );
});

export function App() {
  return (
    <div className={styles.app}>
      <Header />
      <main className={styles.main}>
        <ErrorBanner />
        <Intro />
        <ClusterSummary />
        <NodeTable />
      </main>
      <Notices />
    </div>
  );
}
