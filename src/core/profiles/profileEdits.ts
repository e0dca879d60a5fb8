import { fail, ok } from '../result';
import { findProfile, replaceProfile } from './documentStore';
import { orderAgainst, type EventOrder } from './lifecycle';
import { storedProfile, type StoredProfile } from './profileDocument';
import type { ProfileParts } from './profileParts';
import type { ProfileService } from './profileTypes';
import { profileNotFound } from './problems';
import { validateCatalogVersion, validateInstanceId, validateLabel, validateSiteUrl } from './validation';

export type ProfileEdits = Pick<ProfileService, 'setActiveProfile' | 'upsertProfileByInstanceId' | 'updateProfile' | 'setPlanSnapshot' | 'markRemoved'>;

/** The changes to store profiles in the profiles document: activate, upsert, update, plan snapshot, removed. */
export function createProfileEdits({ mutateDocument, toProfile, toOptionalProfile }: ProfileParts): ProfileEdits {
  return {
    async setActiveProfile(profileId) {
      const activated = await mutateDocument<StoredProfile>((document) => {
        const profile = findProfile(document, profileId);
        if (profile === undefined) return fail(profileNotFound());
        return ok({ next: { ...document, activeProfileId: profile.instanceId }, result: profile });
      });
      return activated.ok ? toProfile(activated.value) : activated;
    },

    async upsertProfileByInstanceId(instanceIdInput, upsert = {}) {
      const instanceId = validateInstanceId(instanceIdInput);
      if (!instanceId.ok) return instanceId;
      const label = validateLabel(upsert.label ?? '');
      if (!label.ok) return label;
      const siteUrl = validateSiteUrl(upsert.siteUrl ?? '');
      if (!siteUrl.ok) return siteUrl;
      const upserted = await mutateDocument((document) => {
        const existing = findProfile(document, instanceId.value);
        const order: EventOrder = upsert.event ? orderAgainst(existing?.lastEvent, upsert.event) : 'newer';
        const stale = order === 'older';
        const profile = storedProfile({
          ...existing,
          instanceId: instanceId.value,
          label: label.value ?? existing?.label,
          siteUrl: siteUrl.value ?? existing?.siteUrl,
          // An install (or a person entering the id) means the app is on the site again, unless
          // this install is older than a removal already seen.
          removed: stale ? existing?.removed === true : false,
          lastEvent: upsert.event && !stale ? upsert.event : existing?.lastEvent,
        });
        const next = replaceProfile(document, profile);
        const activate = upsert.activate === true || document.activeProfileId === undefined;
        return ok({
          next: activate ? { ...next, activeProfileId: profile.instanceId } : next,
          result: { stored: profile, created: existing === undefined, order },
        });
      });
      if (!upserted.ok) return upserted;
      const profile = await toProfile(upserted.value.stored);
      return profile.ok ? ok({ profile: profile.value, created: upserted.value.created, order: upserted.value.order }) : profile;
    },

    async updateProfile(profileId, patch) {
      const label = patch.label === undefined ? undefined : validateLabel(patch.label);
      if (label !== undefined && !label.ok) return label;
      const siteUrl = patch.siteUrl === undefined ? undefined : validateSiteUrl(patch.siteUrl);
      if (siteUrl !== undefined && !siteUrl.ok) return siteUrl;
      const catalogVersion = patch.catalogVersion == null ? undefined : validateCatalogVersion(patch.catalogVersion);
      if (catalogVersion !== undefined && !catalogVersion.ok) return catalogVersion;
      const updated = await mutateDocument<StoredProfile>((document) => {
        const existing = findProfile(document, profileId);
        if (existing === undefined) return fail(profileNotFound());
        const profile = storedProfile({
          ...existing,
          label: label === undefined ? existing.label : label.value,
          siteUrl: siteUrl === undefined ? existing.siteUrl : siteUrl.value,
          catalogVersion: patch.catalogVersion === undefined ? existing.catalogVersion : catalogVersion?.value,
        });
        return ok({ next: replaceProfile(document, profile), result: profile });
      });
      return updated.ok ? toProfile(updated.value) : updated;
    },

    async setPlanSnapshot(profileId, snapshot) {
      const updated = await mutateDocument<StoredProfile>((document) => {
        const existing = findProfile(document, profileId);
        if (existing === undefined) return fail(profileNotFound());
        const profile = storedProfile({ ...existing, planSnapshot: snapshot });
        return ok({ next: replaceProfile(document, profile), result: profile });
      });
      return updated.ok ? toProfile(updated.value) : updated;
    },

    async markRemoved(instanceIdInput, event) {
      const instanceId = validateInstanceId(instanceIdInput);
      if (!instanceId.ok) return instanceId;
      const marked = await mutateDocument<{ stored?: StoredProfile; order: EventOrder }>((document) => {
        const existing = findProfile(document, instanceId.value);
        if (existing === undefined) return ok({ result: { order: 'newer' } });
        const order = event ? orderAgainst(existing.lastEvent, event) : 'newer';
        if (order !== 'newer') return ok({ result: { stored: existing, order } });
        const profile = storedProfile({ ...existing, removed: true, lastEvent: event ?? existing.lastEvent });
        return ok({ next: replaceProfile(document, profile), result: { stored: profile, order } });
      });
      if (!marked.ok) return marked;
      const profile = await toOptionalProfile(marked.value.stored);
      return profile.ok ? ok({ ...(profile.value ? { profile: profile.value } : {}), order: marked.value.order }) : profile;
    },
  };
}
