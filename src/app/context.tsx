// App-wide context: the run controller and the in-memory API keys. UI realm.
import { createContext, useContext, type JSX } from 'solid-js';
import { createRunController, type RunController } from '../state/run-controller.ts';

export interface AppApi {
  runs: RunController;
  /** API keys typed this session, by base URL; never stored unless the user opts in. */
  keys: Map<string, string>;
}

const AppContext = createContext<AppApi>();

export function AppProvider(props: { children: JSX.Element }) {
  const api: AppApi = { runs: createRunController(), keys: new Map() };
  return <AppContext.Provider value={api}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppApi {
  const api = useContext(AppContext);
  if (!api) throw new Error('useApp() must be called inside <AppProvider>.');
  return api;
}
