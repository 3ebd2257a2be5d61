import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { pickTransport } from './api/client.js';
import { TransportContext } from './api/transport-context.js';
import { StoreContext } from './state/context.js';
import { createWindowStore } from './state/store.js';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const transport = pickTransport();
if (!transport) {
  root.render(
    <div className="fatal" role="alert">
      <h1>No access token</h1>
      <p>Open the workbench with the address the host printed (it ends in #token=…).</p>
    </div>,
  );
} else {
  const store = createWindowStore(transport);
  root.render(
    <StrictMode>
      <TransportContext.Provider value={transport}>
        <StoreContext.Provider value={store}>
          <App transport={transport} />
        </StoreContext.Provider>
      </TransportContext.Provider>
    </StrictMode>,
  );
}
