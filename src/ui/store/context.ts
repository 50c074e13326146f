import { createContext, useContext } from 'react';
import type { ClusterClient } from './client';

export const ClusterClientContext = createContext<ClusterClient | null>(null);

export function useClusterClient(): ClusterClient {
  const client = useContext(ClusterClientContext);
  if (!client) throw new Error('useClusterClient outside <ClusterClientContext.Provider>');
  return client;
}
