// Shared reactive state: the signed-in user, toasts, and small caches of
// reference data every page needs (industries).

import { api, getAll } from './api.js';

const { reactive } = Vue;

export const session = reactive({ user: null, checked: false });

export function hasRole(...roles) {
  return !!session.user && roles.includes(session.user.role);
}

export const toasts = reactive([]);
let toastSeq = 0;

// Shows a short message at the top of the screen; kind is "error" or "ok".
export function toast(message, kind = 'error', ms = 5000) {
  const id = ++toastSeq;
  toasts.push({ id, message, kind });
  setTimeout(() => dismissToast(id), ms);
}

export function dismissToast(id) {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

let industriesPromise = null;

// All industries, active and inactive, cached for the session; pass
// fresh=true after an industry was changed.
export function loadIndustries(fresh = false) {
  if (fresh || !industriesPromise) {
    industriesPromise = getAll('/industries').catch((e) => {
      industriesPromise = null;
      throw e;
    });
  }
  return industriesPromise;
}

export async function signOut() {
  try { await api.del('/session', { expect401: true }); } catch (e) { /* already gone */ }
  session.user = null;
  industriesPromise = null;
}
