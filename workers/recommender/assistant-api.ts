/**
 * Worker methods for the shopping assistant (workers/assistant/): understanding and answers over the current
 * catalog, with the search engine, the shelves and the history view this worker already holds. The intent model and
 * the assistant's code load on the first request (their own chunk). Policy documents come from the page.
 */
import type { AssistReply, AssistRequest, PolicyDocument } from '../../src/shared/protocol/assistant.ts';
import type { ShopAssistant } from '../assistant/assistant.ts';
import type { PolicyIndex } from '../assistant/policies.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { recommender } from './instance.ts';
import { currentCatalog, engineFor } from './search-api.ts';

let built: { catalog: CatalogIndex; engine: object; assistant: Promise<ShopAssistant> } | null = null;
let policies: PolicyIndex | null = null;
let personal = true;

async function build(catalog: CatalogIndex): Promise<ShopAssistant> {
  const [{ ShopAssistant }, { Understander }, { buildTerms }, { bundledLexicon }, model] = await Promise.all([
    import('../assistant/assistant.ts'),
    import('../assistant/understand.ts'),
    import('../assistant/terms.ts'),
    import('../search/bundled-lexicon.ts'),
    import('../../models/aisle-assistant-intent-v1/model.json'),
  ]);
  const products = catalog.items.map((i) => i.product);
  const engine = await engineFor(catalog);
  const understander = new Understander(buildTerms(products, bundledLexicon(), engine.lexicon), model.default as never);
  return new ShopAssistant({
    products,
    engine,
    understander,
    get policies() {
      return policies;
    },
    history: async () => (personal ? recommender.historyView() : null),
    recommend: (request) => recommender.recommend(undefined, { ...request, personalised: personal && request.personalised }),
  });
}

function assistantFor(catalog: CatalogIndex): Promise<ShopAssistant> {
  // The same promise while the engine for this catalog and these words stands (search-api.ts caches it).
  const engine = engineFor(catalog);
  if (built?.catalog !== catalog || built.engine !== engine) {
    const assistant = build(catalog);
    built = { catalog, engine, assistant };
    assistant.catch(() => (built = null));
  }
  return built.assistant;
}

export const assistantApi = {
  /** The merchant's policy documents (Markdown or JSON); returns how many entries were read. Throws PolicyFileError. */
  async setPolicies(docs: PolicyDocument[]): Promise<number> {
    const { parsePolicies, PolicyIndex } = await import('../assistant/policies.ts');
    const entries = docs.flatMap((d) => parsePolicies(d));
    policies = new PolicyIndex(entries);
    return entries.length;
  },

  async assist(request: AssistRequest): Promise<AssistReply> {
    personal = request.personal !== false;
    const assistant = await assistantFor(currentCatalog());
    return assistant.answer(request);
  },
};
