/** Inline icons: zmp-ui's icon font comes from a CDN, which a weak connection or the offline web preview lacks. */
const PATHS = {
  back: "M15.5 4.5 8 12l7.5 7.5-1.6 1.6L4.8 12l9.1-9.1z",
  home: "M12 3 2 11.5h3V21h5.5v-6h3v6H19v-9.5h3z",
  chart: "M4 20V10h4v10zm6 0V4h4v16zm6 0v-7h4v7z",
  info: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z",
  admin: "M12 2 4 5.2v5.9c0 5 3.4 9.6 8 10.9 4.6-1.3 8-5.9 8-10.9V5.2zm-1.2 14.3-3.6-3.6 1.5-1.5 2.1 2.1 4.9-4.9 1.5 1.5z",
} as const;

export type IconName = keyof typeof PATHS;

export function SvgIcon({ name, size = 24 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
