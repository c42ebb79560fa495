import { render, toPlainText } from "@react-email/render";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { emailTemplates } from "../apps/worker/src/email/render.ts";
const data = { name: "Sam", exerciseTitle: "The loved-one test", timeZone: "UTC", occurrenceAt: new Date().toISOString(), practiceUrl: "https://tend.example/today?start=x&y=1", notTodayUrl: "https://tend.example/api/email/not-today/abc", preferencesUrl: "https://tend.example/settings/email", unsubscribeUrl: "https://tend.example/api/email/unsubscribe/xyz" };
const t = emailTemplates["practice-reminder"];
const el = createElement(t.Email as any, t.data.parse(data) as any);
const a = await render(el);
const b = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">' + renderToStaticMarkup(el);
const strip = (s: string) => s.replace(/<!--.*?-->/g, "");
console.log(a.length, b.length, strip(a) === strip(b));
const o = { selectors: ["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })) };
console.log(toPlainText(a, o) === toPlainText(b, o));
if (strip(a) !== strip(b)) { for (let i = 0; i < a.length; i++) if (strip(a)[i] !== strip(b)[i]) { console.log(strip(a).slice(i - 80, i + 80)); console.log(strip(b).slice(i - 80, i + 80)); break; } }
