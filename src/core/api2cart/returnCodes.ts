import type { FixAction } from '../result';

export interface ReturnCodeInfo {
  readonly message: string;
  readonly fix?: FixAction;
}

/** api2cart.com/docs/response-status-codes, phrased as what it means for the person connecting a Wix store. */
export const RETURN_CODES: Readonly<Record<number, ReturnCodeInfo>> = {
  1: { message: 'The API2Cart service is temporarily unavailable. Try again in a few minutes.', fix: 'retry' },
  2: {
    message:
      'API2Cart rejected the API key: it is wrong, or this machine\'s IP address is not in the key\'s allowed list. Set the API key again and check the allowed IPs in the API2Cart dashboard.',
    fix: 'setApiKey',
  },
  3: {
    message: 'API2Cart did not recognise the method called. Check that the API2Cart base URL setting ends with /v1.1.',
    fix: 'openSettings',
  },
  4: {
    message: 'API2Cart denied access to this store: the store key does not belong to this account. Add the store again to get a new key.',
    fix: 'addStore',
  },
  5: {
    message: 'API2Cart denied API access for this account. Check the account\'s status and plan in the API2Cart dashboard.',
    fix: 'setApiKey',
  },
  6: { message: 'This API2Cart API key is disabled. Enable it in the API2Cart dashboard or set another key.', fix: 'setApiKey' },
  7: { message: 'The request limit for this store on API2Cart is used up. Wait and try again later.', fix: 'retry' },
  8: {
    message: 'This store is already connected to your API2Cart account.',
    fix: 'checkConnection',
  },
  9: { message: 'API2Cart had an internal error. Try again in a few minutes.', fix: 'retry' },
  10: { message: 'The request limit of your API2Cart account is used up. Wait and try again later.', fix: 'retry' },
  100: {
    message:
      'API2Cart could not access the Wix store: the App ID, App Secret Key or Instance ID is not valid, the app is not installed on the site, or the store is unreachable.',
    fix: 'setAppCredentials',
  },
  101: { message: 'API2Cart does not know this store (it may have been deleted). Add the store again.', fix: 'addStore' },
  105: { message: 'The store\'s connector (bridge) answered with an error. Try again; if it persists, contact API2Cart support.', fix: 'retry' },
  106: { message: 'API2Cart could not reach the store\'s URL. Check the site is published and try again.', fix: 'retry' },
  107: { message: 'The store answered API2Cart with an unexpected error. Try again; if it persists, contact API2Cart support.', fix: 'retry' },
  109: { message: 'API2Cart rejected a parameter as incorrect.' },
  110: { message: 'Too many requests reached the store\'s API. Wait a minute and try again.', fix: 'retry' },
  111: { message: 'Too many items were requested from API2Cart in one call.' },
  112: { message: 'API2Cart could not find the requested item.' },
  113: { message: 'API2Cart says the entity already exists.' },
  114: { message: 'API2Cart says a required parameter is missing.' },
  115: { message: 'API2Cart reports too many prefixes.' },
  116: { message: 'API2Cart reports a duplicate record.' },
};

/** Known code → its message; unknown code → a message that quotes the code. Never for code 0. */
export function describeReturnCode(code: number): ReturnCodeInfo {
  return (
    RETURN_CODES[code] ?? {
      message: `API2Cart answered with error code ${code}, which this extension does not know. See api2cart.com/docs/response-status-codes.`,
    }
  );
}
