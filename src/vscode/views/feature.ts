// Entry of the lazily loaded `feature-views` bundle (tools/build.mjs): the sidebar's tree models
// and Update Wix Credentials, required when a view is first shown or the command first runs.
export { StoresModel } from './storesView';
export { DeliveriesModel } from './deliveriesView';
export { RequestsModel } from './requestsView';
export { updateWixCredentialsCommand } from './updateCredentialsCommand';
