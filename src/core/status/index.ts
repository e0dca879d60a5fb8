export { presentStatus } from './statusModel';
export {
  statusFactsFromSummary,
  statusStoreFromProfile,
  type StatusAction,
  type StatusActionId,
  type StatusFacts,
  type StatusPresentation,
  type StatusState,
  type StatusStore,
} from './statusFacts';
