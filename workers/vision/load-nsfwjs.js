// Loads nsfwjs's bundled MobileNetV2 from the package's own modules (no network). Plain JavaScript with a hand-written
// declaration (load-nsfwjs.d.ts) on purpose: nsfwjs's own type declarations add `[x: string]: any` to the global
// Window interface, which would silently switch off type checking of `window.*` in every program that imports the
// vision worker's API type. This way its declarations never enter a TypeScript program.
export async function loadBundledNsfwModel() {
  const [{ load }, { MobileNetV2Model }] = await Promise.all([import('nsfwjs/core'), import('nsfwjs/models/mobilenet_v2')]);
  return load('MobileNetV2', { modelDefinitions: [MobileNetV2Model] });
}
