// Charts live behind their own entry point (`@tend/ui/charts`), so pages that draw none (the
// client's Today) never pull in the chart code: import them only from lazily loaded pages.
export { ChartFigure, type ChartSize } from "./chart-figure.tsx";
export { ChartLegend, type LegendItem } from "./chart-legend.tsx";
export { formatRating, longDate, meanOf, shortDate } from "./chart-numbers.ts";
export {
  HarshKinderChart,
  type HarshKinderPoint,
  harshKinderMeans,
} from "./harsh-kinder-chart.tsx";
export { IntensityChart, type IntensityPoint, intensityMeans } from "./intensity-chart.tsx";
export { PracticeByWeekChart, type WeekCount } from "./practice-by-week-chart.tsx";
