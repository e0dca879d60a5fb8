/** A Wix event type as people read it in the app dashboard: "AppInstalled" → "App Installed". */
export function eventName(eventType: string): string {
  return eventType.replace(/([a-z])([A-Z])/g, '$1 $2');
}
