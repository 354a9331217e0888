// The store's own script: a global of its own, and an Aisle call made before the Aisle script has loaded.
window.storeGlobal = 'mine';
window.aisle = window.aisle || [];
window.aisle.push(['track', 'view', 'SRTEH2FF9KEDEFGF']);
