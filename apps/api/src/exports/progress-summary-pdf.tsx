import { Document, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { printableDeep } from "./printable.ts";
import type { ProgressSummary, SummaryEntry } from "./progress-summary.ts";

const ink = "#2f3a37";
const soft = "#5f6b67";
const accent = "#3f7d6e";
const wash = "#eef3f0";
const rule = "#e7e3da";

// A unitless line height is taken times the element's *own* fontSize (18 when it only inherits
// one), so line heights are given in points; and not on the page, where it would reach the
// footer's render-prop text and leave it no room at all.
const LINE = "15pt";

const s = StyleSheet.create({
  page: {
    paddingTop: 48,
    paddingBottom: 64,
    paddingHorizontal: 56,
    fontFamily: "Helvetica",
    fontSize: 10.5,
    color: ink,
  },
  brand: { color: accent, fontFamily: "Helvetica-Bold", fontSize: 11, marginBottom: 14 },
  h1: { fontFamily: "Helvetica-Bold", fontSize: 20, lineHeight: 1.25, marginBottom: 6 },
  subtitle: { color: soft, fontSize: 12, marginBottom: 14 },
  intro: { marginBottom: 8, lineHeight: LINE },
  para: { lineHeight: LINE },
  h2: {
    marginTop: 18,
    fontFamily: "Helvetica-Bold",
    fontSize: 13,
    color: accent,
    marginBottom: 8,
    paddingBottom: 4,
    borderBottomWidth: 1,
    borderBottomColor: rule,
  },
  muted: { color: soft, lineHeight: LINE },
  row: { flexDirection: "row", alignItems: "center", marginBottom: 3 },
  weekLabel: { width: 110 },
  barTrack: { width: 180, height: 8, marginRight: 10, backgroundColor: wash, borderRadius: 4 },
  bar: { height: 8, backgroundColor: accent, borderRadius: 4 },
  count: { color: soft },
  table: { marginTop: 4 },
  th: { fontFamily: "Helvetica-Bold", color: soft, fontSize: 9.5 },
  cellWide: { width: 190 },
  cell: { width: 110 },
  card: {
    backgroundColor: wash,
    borderRadius: 6,
    padding: 10,
    marginBottom: 8,
  },
  cardTitle: { fontFamily: "Helvetica-Bold", marginBottom: 4 },
  answerLabel: { color: soft, fontSize: 9.5, marginTop: 4, lineHeight: "13.5pt" },
  footer: { position: "absolute", bottom: 28, left: 56, right: 56 },
  footerText: { fontSize: 8.5, color: soft, textAlign: "center" },
});

/** "5 January 2026" for a local date. */
function longDate(localDate: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${localDate}T00:00:00Z`));
}
function shortDate(localDate: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${localDate}T00:00:00Z`));
}
function instantDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone,
  }).format(at);
}
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);
const oneDecimal = (n: number) => n.toFixed(1);

/** A heading and what follows it, as siblings on the page: the heading is never left alone at a page end. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Text style={s.h2} minPresenceAhead={90}>
        {title}
      </Text>
      {children}
    </>
  );
}

function Weeks({ data }: { data: ProgressSummary }) {
  const most = Math.max(1, ...data.practiceByWeek.map((w) => w.count));
  const you = data.audience === "client";
  return (
    <Section title="Practice, week by week">
      <Text style={[s.intro, s.muted]}>
        {data.totalPractices === 0
          ? "No practice is recorded in this period. That is all right: it will be here when the time comes."
          : `${you ? "You practised" : `${data.clientName} practised`} ${times(data.totalPractices)} in this period.`}
      </Text>
      {data.practiceByWeek.map((w) => (
        <View key={w.weekStart} style={s.row} wrap={false}>
          <Text style={s.weekLabel}>Week of {shortDate(w.weekStart)}</Text>
          <View style={s.barTrack}>
            {w.count > 0 ? <View style={[s.bar, { width: (180 * w.count) / most }]} /> : null}
          </View>
          <Text style={s.count}>{w.count === 0 ? "a quieter week" : times(w.count)}</Text>
        </View>
      ))}
    </Section>
  );
}

function Scales({ data }: { data: ProgressSummary }) {
  return (
    <Section title="The loved-one test: how each version felt">
      {data.scales.length === 0 ? (
        <Text style={s.muted}>The loved-one test was not part of this period.</Text>
      ) : (
        <View>
          <Text style={[s.intro, s.muted]}>
            Average ratings on a scale from 0 to 10. The harsh version is the thought as it first
            came; the kinder version is the same moment, put the way one would say it to someone
            dear.
          </Text>
          <View style={s.table}>
            <View style={s.row}>
              <Text style={[s.th, s.cellWide]}>Scale</Text>
              <Text style={[s.th, s.cell]}>Harsh version</Text>
              <Text style={[s.th, s.cell]}>Kinder version</Text>
            </View>
            {data.scales.map((sc) => (
              <View key={sc.scaleId} style={s.row} wrap={false}>
                <Text style={s.cellWide}>
                  {sc.left} (0) to {sc.right} (10)
                </Text>
                <Text style={s.cell}>{oneDecimal(sc.harshMean)}</Text>
                <Text style={s.cell}>{oneDecimal(sc.kinderMean)}</Text>
              </View>
            ))}
          </View>
          <Text style={[s.muted, { marginTop: 4 }]}>
            Based on {data.scales[0]!.count} loved-one{" "}
            {data.scales[0]!.count === 1 ? "test" : "tests"} with both versions rated.
          </Text>
        </View>
      )}
    </Section>
  );
}

function Soothing({ data }: { data: ProgressSummary }) {
  const { points, meanBefore, meanAfter } = data.soothing;
  const rated = (n: number | null) => (n === null ? "not rated" : String(n));
  return (
    <Section title="Soothing touch: before and after">
      {points.length === 0 ? (
        <Text style={s.muted}>No soothing touch ratings in this period.</Text>
      ) : (
        <View>
          <Text style={[s.intro, s.muted]}>
            How strong the feeling was, from 0 (not at all) to 10 (as strong as it gets). On
            average: {meanBefore === null ? "not rated" : oneDecimal(meanBefore)} before,{" "}
            {meanAfter === null ? "not rated" : oneDecimal(meanAfter)} after.
          </Text>
          <View style={s.row}>
            <Text style={[s.th, s.cellWide]}>Day</Text>
            <Text style={[s.th, s.cell]}>Before</Text>
            <Text style={[s.th, s.cell]}>After</Text>
          </View>
          {points.map((p) => (
            <View key={p.entryId} style={s.row} wrap={false}>
              <Text style={s.cellWide}>{longDate(p.localDate)}</Text>
              <Text style={s.cell}>{rated(p.before)}</Text>
              <Text style={s.cell}>{rated(p.after)}</Text>
            </View>
          ))}
        </View>
      )}
    </Section>
  );
}

function Entries({
  title,
  empty,
  entries,
  timeZone,
}: {
  title: string;
  empty: string;
  entries: SummaryEntry[];
  timeZone: string;
}) {
  return (
    <Section title={title}>
      {entries.length === 0 ? (
        <Text style={s.muted}>{empty}</Text>
      ) : (
        entries.map((e) => (
          <View key={e.id} style={s.card}>
            <Text style={s.cardTitle} minPresenceAhead={30}>
              {e.exerciseTitle}, {instantDate(e.completedAt, timeZone)}
            </Text>
            {e.answers.length === 0 ? <Text style={s.muted}>No written answers.</Text> : null}
            {e.answers.map((a) => (
              <View key={a.key}>
                <Text style={s.answerLabel}>{a.label}</Text>
                <Text style={s.para}>{a.value}</Text>
              </View>
            ))}
          </View>
        ))
      )}
    </Section>
  );
}

function TherapistExtras({ data }: { data: ProgressSummary }) {
  return (
    <>
      <Section title="Practice assigned now">
        {(data.assignments ?? []).length === 0 ? (
          <Text style={s.muted}>Nothing is assigned at the moment.</Text>
        ) : (
          (data.assignments ?? []).map((a) => (
            <Text key={a.id} style={s.para}>
              {a.title}: {a.plan} ({a.status})
            </Text>
          ))
        )}
      </Section>
      {data.weekNote ? (
        <Section title="The note for the week">
          <Text style={s.para}>{data.weekNote}</Text>
        </Section>
      ) : null}
    </>
  );
}

export function ProgressSummaryDocument({ data }: { data: ProgressSummary }) {
  const you = data.audience === "client";
  const period = `${longDate(data.period.start)} to ${longDate(data.period.end)}`;
  const title = you ? "Your practice" : `Practice summary for ${data.clientName}`;
  const made = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: data.timeZone,
  }).format(data.generatedAt);
  return (
    <Document
      title={`${title}, ${period}`}
      author="Tend"
      creator="Tend"
      producer="Tend"
      language="en"
    >
      <Page size="A4" style={s.page}>
        <Text style={s.brand} fixed>
          Tend
        </Text>
        <Text style={s.h1}>{title}</Text>
        <Text style={s.subtitle}>{period}</Text>
        <Text style={s.intro}>
          {you
            ? "A look back at the weeks you chose. None of this is a score: it is simply what you did and how it felt. Quieter weeks belong here too."
            : `Built only from what ${data.clientName} chose to share, and the practice days they allow you to see. Private entries are not part of it.`}
        </Text>
        <Weeks data={data} />
        <Scales data={data} />
        <Soothing data={data} />
        <Entries
          title="Brought to session"
          empty={
            you
              ? "Nothing was marked to bring to session in this period."
              : "Nothing shared was marked to bring to session in this period."
          }
          entries={data.flagged}
          timeZone={data.timeZone}
        />
        <Entries
          title="Weekly reflections"
          empty={
            you
              ? "No weekly reflections in this period."
              : "No shared weekly reflections in this period."
          }
          entries={data.reflections}
          timeZone={data.timeZone}
        />
        {you ? null : <TherapistExtras data={data} />}
        {/* A render-prop Text needs a sized box around it to be laid out on every page. */}
        <View style={s.footer} fixed>
          <Text
            style={s.footerText}
            render={({ pageNumber, totalPages }) =>
              `${
                you
                  ? `Made with Tend on ${made}. This summary is yours: share it only if you want to.`
                  : `Made with Tend on ${made}. Confidential: for your work with ${data.clientName}.`
              }  Page ${pageNumber} of ${totalPages}`
            }
          />
        </View>
      </Page>
    </Document>
  );
}

/** The summary as a PDF file. */
export function renderProgressSummaryPdf(data: ProgressSummary): Promise<Buffer> {
  return renderToBuffer(<ProgressSummaryDocument data={printableDeep(data)} />);
}
