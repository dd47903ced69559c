import { QueryClient } from '@tanstack/react-query';
import { ApiFout } from './api';

/**
 * One cache for the whole app. A 401 means the session ended: no retries then, and `App` shows the login.
 * Data is fresh for 10 s so that moving between pages does not refetch everything, and refetched on focus so a
 * worker coming back to the tab sees the state of now.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (aantal, fout) => !(fout instanceof ApiFout && fout.status < 500) && aantal < 2,
    },
    mutations: { retry: false },
  },
});
