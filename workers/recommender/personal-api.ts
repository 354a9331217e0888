/**
 * Worker methods for the shopper's own model: learn from what is new (the page calls this when it is idle, after
 * events), and report its status. Training stays in this worker; one tab at a time learns (Web Locks).
 */
import type { BackendPreference } from '../../src/shared/training.ts';
import { backendChoice, recommender } from './instance.ts';
import type { PersonalStatus } from '../../src/shared/personal.ts';
import type { MerchantModelInfo } from '../../src/shared/protocol/recommender.ts';

export const personalApi = {
  /** Which TF.js backend the personal model should use ('auto' chooses, and the status says which ran and why). */
  async setModelBackend(preference: BackendPreference): Promise<void> {
    backendChoice.preference = preference;
  },
  async updatePersonalModel(): Promise<PersonalStatus> {
    return recommender.updatePersonalModel();
  },
  /** Makes a pre-trained model file the starting point of the shopper's model of the catalog in use (checked first). */
  async useMerchantModel(data: unknown): Promise<MerchantModelInfo> {
    return recommender.useMerchantModel(undefined, data);
  },
  async merchantModel(): Promise<MerchantModelInfo | null> {
    return recommender.merchantModel();
  },
  async dropMerchantModel(): Promise<void> {
    return recommender.dropMerchantModel();
  },
  async personalStatus(): Promise<PersonalStatus> {
    return recommender.personaliser!.status;
  },
};
