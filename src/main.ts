import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/styles.css';
import { toasts } from './app/state/toasts.svelte.ts';

mount(App, { target: document.getElementById('app')! });

// The service worker only in production builds (as squoosh does): in dev it would cache stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // A new deployment took over this tab: it keeps working on the files it loaded (the service worker keeps them until
  // the tab goes), and the shopper is told that a reload brings the new version.
  let controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) toasts.show('A new version of Aisle is ready. This page keeps working; reload it to use the new version.', 'info', 20_000);
    controlled = true;
  });
  // Registered once the page has loaded and is idle: installing it downloads the app shell, which must not compete
  // with the first screen.
  const register = () =>
    navigator.serviceWorker.register(new URL('./sw.js', document.baseURI), { type: 'module' }).catch((err: unknown) => {
      console.warn('Offline support is unavailable: the service worker did not register.', err);
    });
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => void register(), { timeout: 4000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
