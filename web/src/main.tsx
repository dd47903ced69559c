import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './thema.css';
import './stijl.css';
import { queryClient } from './query';
import { App } from './App';

document.body.classList.add('utrecht-theme', 'doorstroom-thema');
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <App />
  </QueryClientProvider>,
);
