import { renderEmail } from "../apps/worker/src/email/render.ts";
const data = (i: number) => ({
  name: `Client ${i}`, exerciseTitle: "The loved-one test", timeZone: "UTC", occurrenceAt: new Date().toISOString(),
  clientId: `c${i}`, assignmentId: "3f1c1d4e-0000-4000-8000-000000000001",
  practiceUrl: "https://tend.example/today?start=x", notTodayUrl: "https://tend.example/api/email/not-today/abc",
  preferencesUrl: "https://tend.example/settings/email", unsubscribeUrl: "https://tend.example/api/email/unsubscribe/xyz",
});
for (let i = 0; i < 50; i++) await renderEmail("practice-reminder", data(i));
const t0 = performance.now();
const n = 500;
for (let i = 0; i < n; i++) await renderEmail("practice-reminder", data(i));
console.log("ms/render", (performance.now() - t0) / n);
