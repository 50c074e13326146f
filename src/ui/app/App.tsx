import { ClusterCanvas } from '../canvas/ClusterCanvas';
import { InspectorDock } from '../inspector/InspectorDock';
import { FaultLayer } from '../faults/ContextMenu';
import { FlowCaption } from '../timeline/FlowCaption';
import { Timeline } from '../timeline/Timeline';
import { ErrorBanner, Notices } from './ErrorBanner';
import { Header } from './Header';
import { SidePanel } from './SidePanel';
import styles from './App.module.css';

export function App() {
  return (
    <div className={styles.app}>
      <Header />
      <main className={styles.main}>
        <div className={styles.banner}>
          <ErrorBanner />
        </div>
        <div className={styles.stage}>
          <ClusterCanvas />
          <FlowCaption />
          <FaultLayer />
        </div>
        <SidePanel />
        <InspectorDock />
        <div className={styles.timeline}>
          <Timeline />
        </div>
      </main>
      <Notices />
    </div>
  );
}
