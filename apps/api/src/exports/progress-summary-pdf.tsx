// @jsxRuntime automatic
// @jsxImportSource react
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
  // A card is two boxes, so its title can stay with the heading above it.
  cardTop: {
    backgroundColor: wash,
    borderTopLeftRadius: 6,
    borderTopRightRadius: 6,
    paddingTop: 10,
    paddingHorizontal: 10,
  },
  cardBody: {
    backgroundColor: wash,
    borderBottomLeftRadius: 6,
    borderBottomRightRadius: 6,
    paddingBottom: 10,
    paddingHorizontal: 10,
    marginBottom: 8,
  },
  cardTitle: { fontFamily: "Helvetica-Bold", marginBottom: 2 },
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

/**
 * A heading, kept on one page with `lead` (something short: a sentence, a card's title), then
 * the rest as siblings on the page. (react-pdf's minPresenceAhead does not stop a column from
 * being split inside its window, so the heading and its lead travel as one unbreakable box.)
 */
function Section({
  title,
  lead,
  children,
}: {
  title: string;
  lead: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <View wrap={false}>
        <Text style={s.h2}>{title}</Text>
        {lead}
      </View>
      {children}
    </>
  );
}

function Weeks({ data }: { data: ProgressSummary }) {
  const most = Math.max(1, ...data.practiceByWeek.map((w) => w.count));
  const you = data.audience === "client";
  return (
    <Section
      title="Practice, week by week"
      lead={
        <Text style={[s.intro, s.muted]}>
          {data.totalPractices === 0
            ? "No practice is recorded in this period. That is all right: it will be here when the time comes."
            : `${you ? "You practised" : `${data.clientName} practised`} ${times(data.totalPractices)} in this period.`}
        </Text>
      }
    >
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
  const title = "The loved-one test: how each version felt";
  if (data.scales.length === 0)
    return (
      <Section
        title={title}
        lead={<Text style={s.muted}>The loved-one test was not part of this period.</Text>}
      />
    );
  const n = data.scales[0]!.count;
  return (
    <Section
      title={title}
      lead={
        <Text style={[s.intro, s.muted]}>
          Average ratings on a scale from 0 to 10. The harsh version is the thought as it first
          came; the kinder version is the same moment, put the way one would say it to someone dear.
        </Text>
      }
    >
      <View style={s.table} wrap={false}>
        <View style={s.row}>
          <Text style={[s.th, s.cellWide]}>Scale</Text>
          <Text style={[s.th, s.cell]}>Harsh version</Text>
          <Text style={[s.th, s.cell]}>Kinder version</Text>
        </View>
        {data.scales.map((sc) => (
          <View key={sc.scaleId} style={s.row}>
            <Text style={s.cellWide}>
              {sc.left} (0) to {sc.right} (10)
            </Text>
            <Text style={s.cell}>{oneDecimal(sc.harshMean)}</Text>
            <Text style={s.cell}>{oneDecimal(sc.kinderMean)}</Text>
          </View>
        ))}
        <Text style={[s.muted, { marginTop: 4 }]}>
          Based on {n} loved-one {n === 1 ? "test" : "tests"} with both versions rated.
        </Text>
      </View>
    </Section>
  );
}

function Soothing({ data }: { data: ProgressSummary }) {
  const { points, meanBefore, meanAfter } = data.soothing;
  const rated = (n: number | null) => (n === null ? "not rated" : String(n));
  const title = "Soothing touch: before and after";
  if (points.length === 0)
    return (
      <Section
        title={title}
        lead={<Text style={s.muted}>No soothing touch ratings in this period.</Text>}
      />
    );
  return (
    <Section
      title={title}
      lead={
        <>
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
        </>
      }
    >
      {points.map((p) => (
        <View key={p.entryId} style={s.row} wrap={false}>
          <Text style={s.cellWide}>{longDate(p.localDate)}</Text>
          <Text style={s.cell}>{rated(p.before)}</Text>
          <Text style={s.cell}>{rated(p.after)}</Text>
        </View>
      ))}
    </Section>
  );
}

/** A card's title band: kept whole, and with the section heading for the first card. */
function CardTop({ entry, timeZone }: { entry: SummaryEntry; timeZone: string }) {
  return (
    <View style={s.cardTop}>
      <Text style={s.cardTitle}>
        {entry.exerciseTitle}, {instantDate(entry.completedAt, timeZone)}
      </Text>
    </View>
  );
}

/** The answers under a card's title: free to continue on the next page. */
function CardBody({ entry }: { entry: SummaryEntry }) {
  return (
    <View style={s.cardBody}>
      {entry.answers.length === 0 ? <Text style={s.muted}>No written answers.</Text> : null}
      {entry.answers.map((a) => (
        <View key={a.key}>
          <Text style={s.answerLabel}>{a.label}</Text>
          <Text style={s.para}>{a.value}</Text>
        </View>
      ))}
    </View>
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
  const [first, ...rest] = entries;
  if (!first) return <Section title={title} lead={<Text style={s.muted}>{empty}</Text>} />;
  return (
    <Section title={title} lead={<CardTop entry={first} timeZone={timeZone} />}>
      <CardBody entry={first} />
      {rest.map((e) => (
        <View key={e.id}>
          <View wrap={false}>
            <CardTop entry={e} timeZone={timeZone} />
          </View>
          <CardBody entry={e} />
        </View>
      ))}
    </Section>
  );
}

function TherapistExtras({ data }: { data: ProgressSummary }) {
  const [first, ...rest] = data.assignments ?? [];
  const line = (a: NonNullable<typeof first>) => (
    <Text key={a.id} style={s.para}>
      {a.title}: {a.plan} ({a.status})
    </Text>
  );
  return (
    <>
      <Section
        title="Practice assigned now"
        lead={first ? line(first) : <Text style={s.muted}>Nothing is assigned at the moment.</Text>}
      >
        {rest.map(line)}
      </Section>
      {data.weekNote ? (
        <Section title="The note for the week" lead={<Text style={s.para}>{data.weekNote}</Text>} />
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
