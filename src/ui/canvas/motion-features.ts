/** framer-motion's DOM animation features, loaded after first paint (LazyMotion in main.tsx). */
export { domAnimation as default } from 'framer-motion';
