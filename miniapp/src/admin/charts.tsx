/**
 * Charts for the reports, drawn with uPlot (about 20 KB gzip, canvas): a line over weeks and bars by commune.
 * This module is imported only by the report screen, which is itself lazy-loaded, so the first screen stays small.
 * Each chart has a text alternative (the same numbers in a list) for screen readers.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const FONT = "15px 'Be Vietnam Pro', system-ui, sans-serif";
const SMALL = "13px 'Be Vietnam Pro', system-ui, sans-serif";
const short = (s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s);
const AXIS = { stroke: "#37474f", font: FONT, grid: { stroke: "#e1e5eb", width: 1 }, ticks: { stroke: "#b7c0cd", width: 1 } };

function useChart(make: (el: HTMLDivElement, width: number) => uPlot, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let chart = make(el, el.clientWidth || 320);
    const ro = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w && Math.abs(w - chart.width) > 4) {
        chart.destroy();
        chart = make(el, w);
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

export interface Series {
  label: string;
  color: string;
  values: number[];
}

/** Lines over weeks: x labels are the weeks' Mondays ("dd/mm"). */
export function WeeklyLines({ weeks, series, title }: { weeks: string[]; series: Series[]; title: string }) {
  const ref = useChart(
    (el, width) =>
      new uPlot(
        {
          width,
          height: 240,
          title: undefined,
          legend: { show: true, live: false },
          cursor: { show: false },
          scales: { x: { time: false } },
          axes: [
            { ...AXIS, values: (_u, ticks) => ticks.map((i) => (weeks[i] ? `${weeks[i]!.slice(8, 10)}/${weeks[i]!.slice(5, 7)}` : "")) },
            { ...AXIS, size: 56 },
          ],
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 3, points: { size: 7, fill: s.color } }))],
        },
        [weeks.map((_, i) => i), ...series.map((s) => s.values)],
        el,
      ),
    [JSON.stringify({ weeks, series })],
  );
  return <div ref={ref} className="chart" role="img" aria-label={title} />;
}

/** Vertical bars, one per commune (short names under them, turned to fit). */
export function CommuneBars({ names, values, color, title }: { names: string[]; values: number[]; color: string; title: string }) {
  const ref = useChart(
    (el, width) =>
      new uPlot(
        {
          width,
          height: 280,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false, range: [-0.6, names.length - 0.4] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [
            // Names stand upright under their bars, shortened to fit: the list below the chart has them in full.
            { ...AXIS, font: SMALL, rotate: -90, size: 120, gap: 4, space: 10, incrs: [1], values: (_u, ticks) => ticks.map((i) => short(names[i] ?? "")) },
            { ...AXIS, size: 56 },
          ],
          series: [{}, { label: title, fill: color, stroke: color, width: 0, points: { show: false }, paths: uPlot.paths.bars!({ size: [0.7, 48] }) }],
        },
        [names.map((_, i) => i), values],
        el,
      ),
    [JSON.stringify({ names, values })],
  );
  return <div ref={ref} className="chart" role="img" aria-label={title} />;
}
