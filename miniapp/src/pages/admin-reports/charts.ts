import { lazy } from "react";

// uPlot comes with the charts only, after the numbers are on screen.
export const WeeklyLines = lazy(() => import("../../admin/charts").then((m) => ({ default: m.WeeklyLines })));
export const CommuneBars = lazy(() => import("../../admin/charts").then((m) => ({ default: m.CommuneBars })));
