import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/styles.css';

mount(App, { target: document.getElementById('app')! });

// The service worker only in production builds (as squoosh does): in dev it would cache stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { type: 'module' }).catch((err: unknown) => {
    console.warn('Offline support is unavailable: the service worker did not register.', err);
  });
}
