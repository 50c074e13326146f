import { LazyMotion, MotionConfig } from 'framer-motion';
import '@fontsource-variable/inter/wght.css';
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/600.css';
import './ui/styles/tokens.css';
import './ui/styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App';
import { initI18n } from './ui/i18n';
import { ClusterClient } from './ui/store/client';
import { ClusterClientContext } from './ui/store/context';
import { startWatches } from './ui/store/watches';

initI18n();

const client = new ClusterClient();
startWatches(client);
// `?nodes=20&seed=7`: a cluster of that shape (shareable scenarios, the UI benchmark).
const params = new URLSearchParams(location.search);
const nodes = Number(params.get('nodes'));
const seed = Number(params.get('seed'));
if ((nodes >= 1 && nodes <= 50) || seed > 0)
  client.restart({ nodes: nodes >= 1 && nodes <= 50 ? nodes : undefined, seed: seed > 0 ? seed : undefined });

const loadMotionFeatures = () => import('./ui/canvas/motion-features').then((m) => m.default);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    {/* Motion follows the learner's reduced-motion setting. */}
    <MotionConfig reducedMotion="user">
      {/* Only the DOM-animation features (enter, exit, transitions), in their own chunk after first paint. */}
      <LazyMotion features={loadMotionFeatures} strict>
        <ClusterClientContext.Provider value={client}>
          <App />
        </ClusterClientContext.Provider>
      </LazyMotion>
    </MotionConfig>
  </StrictMode>,
);
