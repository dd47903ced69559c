import { createRoot } from 'react-dom/client';
import { App } from './App';
import './stijl.css';

createRoot(document.getElementById('root')!).render(<App />);
